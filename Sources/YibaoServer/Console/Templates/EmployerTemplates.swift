extension ConsoleTemplates {
    static let employers = """
        <table id="employer-list"><caption>{{caption}}</caption>
        <thead><tr><th scope="col">{{t.employer_name}}</th><th scope="col">{{t.employer_creditCode}}</th><th scope="col">{{t.employer_kind}}</th>
        <th scope="col">{{t.employer_contact}}</th></tr></thead>
        <tbody>{{#employers}}<tr><td><a href="{{href}}">{{name}}</a></td><td><code>{{creditCode}}</code></td><td>{{kind}}</td><td>{{contact}}</td></tr>{{/employers}}
        {{^employers}}<tr><td colspan="4">{{t.policy_none}}</td></tr>{{/employers}}</tbody></table>
        """

    static let employer = """
        <dl class="facts" id="employer-facts">
        <dt>{{t.employer_name}}</dt><dd>{{name}}</dd>
        <dt>{{t.employer_creditCode}}</dt><dd><code>{{creditCode}}</code></dd>
        <dt>{{t.employer_kind}}</dt><dd>{{kind}}</dd>
        <dt>{{t.employer_contact}}</dt><dd>{{contact}}</dd>
        <dt>{{t.person_region}}</dt><dd>{{region}}</dd>
        </dl>
        <form method="get" action="{{href}}" class="filters" id="employer-month">
        <p><label for="month">{{t.employer_month}}</label><input id="month" name="month" value="{{month}}" inputmode="numeric" pattern="[0-9]{4}-[0-9]{2}" placeholder="2025-03" aria-describedby="month-hint"><small id="month-hint">{{t.form_monthHint}}</small></p>
        <p><button type="submit">{{t.policy_show}}</button></p>
        </form>
        <section aria-labelledby="h-roster"><h2 id="h-roster">{{rosterTitle}}</h2>
        <table id="roster">
        <thead><tr><th scope="col">{{t.person_psnNo}}</th><th scope="col">{{t.person_name}}</th><th scope="col">{{t.person_certno}}</th><th scope="col">{{t.person_category}}</th>
        <th scope="col" class="num">{{t.employer_declared}}</th><th scope="col" class="num">{{t.employer_base}}</th></tr></thead>
        <tbody>{{#roster}}<tr><td>{{#personHref}}<a href="{{personHref}}">{{psnNo}}</a>{{/personHref}}{{^personHref}}{{psnNo}}{{/personHref}}</td><td>{{name}}</td><td class="nowrap"><code>{{certno}}</code></td><td>{{category}}</td>
        <td class="num">{{declared}}</td><td class="num">{{base}}</td></tr>{{/roster}}
        {{^roster}}<tr><td colspan="6">{{t.policy_none}}</td></tr>{{/roster}}</tbody></table>
        {{#rosterPager}}<nav class="pager" aria-label="{{t.pager_label}}">{{#prev}}<a href="{{prev}}" id="roster-prev" rel="prev">{{t.pager_prev}}</a> {{/prev}}<span>{{text}}</span>{{#next}} <a href="{{next}}" id="roster-next" rel="next">{{t.pager_next}}</a>{{/next}}</nav>{{/rosterPager}}
        </section>
        <section aria-labelledby="h-bills"><h2 id="h-bills">{{billsTitle}}</h2>
        <table id="employer-bills">
        <thead><tr><th scope="col">{{t.person_name}}</th><th scope="col" class="num">{{t.bill_employerShare}}</th><th scope="col" class="num">{{t.bill_individualShare}}</th>
        <th scope="col" class="num">{{t.bill_total}}</th><th scope="col" class="num">{{t.bill_paid}}</th><th scope="col">{{t.bill_due}}</th><th scope="col">{{t.bill_cleared}}</th></tr></thead>
        <tbody>{{#bills}}<tr><td>{{name}}</td><td class="num">{{employerShare}}</td><td class="num">{{individualShare}}</td><td class="num">{{total}}</td>
        <td class="num">{{paid}}</td><td class="nowrap">{{due}}</td><td class="nowrap">{{cleared}}</td></tr>{{/bills}}
        {{^bills}}<tr><td colspan="7">{{t.policy_none}}</td></tr>{{/bills}}</tbody>
        <tfoot><tr><th scope="row">{{t.total}}</th><td class="num">{{billsEmployer}}</td><td class="num">{{billsIndividual}}</td><td class="num">{{billsTotal}}</td><td class="num">{{billsPaid}}</td><td></td><td></td></tr></tfoot></table>
        <p><a href="{{statementHref}}" id="statement-csv" download>{{t.employer_statement}}</a></p>
        </section>
        <section aria-labelledby="h-overdue"><h2 id="h-overdue">{{overdueTitle}}</h2>
        <table id="employer-arrears">
        <thead><tr><th scope="col">{{t.bill_month}}</th><th scope="col">{{t.person_name}}</th><th scope="col" class="num">{{t.bill_outstanding}}</th><th scope="col">{{t.bill_due}}</th>
        <th scope="col" class="num">{{t.bill_daysOverdue}}</th></tr></thead>
        <tbody>{{#overdue}}<tr><td>{{month}}</td><td>{{name}}</td><td class="num">{{outstanding}}</td><td class="nowrap">{{due}}</td><td class="num">{{days}}</td></tr>{{/overdue}}
        {{^overdue}}<tr><td colspan="5">{{t.person_noArrears}}</td></tr>{{/overdue}}</tbody>
        <tfoot><tr><th scope="row">{{t.total}}</th><td></td><td class="num" id="employer-arrears-total">{{overdueTotal}}</td><td></td><td></td></tr></tfoot></table>
        </section>
        <section aria-labelledby="h-payments"><h2 id="h-payments">{{t.employer_payments}}</h2>
        <table id="employer-payments">
        <thead><tr><th scope="col">{{t.payment_statement}}</th><th scope="col" class="num">{{t.payment_line}}</th><th scope="col">{{t.payment_paidOn}}</th>
        <th scope="col" class="num">{{t.payment_amount}}</th><th scope="col" class="num">{{t.payment_unallocated}}</th></tr></thead>
        <tbody>{{#payments}}<tr><td>{{statement}}</td><td class="num">{{line}}</td><td class="nowrap">{{paidOn}}</td><td class="num">{{amount}}</td><td class="num">{{unallocated}}</td></tr>{{/payments}}
        {{^payments}}<tr><td colspan="5">{{t.policy_none}}</td></tr>{{/payments}}</tbody></table>
        </section>
        {{#mayImport}}
        <section aria-labelledby="h-import"><h2 id="h-import">{{t.roster_import}}</h2>
        <form method="post" action="{{href}}/roster-import" id="roster-import" class="card" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="csv_file">{{t.import_file}}</label>
        <input type="file" id="csv_file" name="csv_file" accept=".csv,text/csv" aria-describedby="csv-hint"></p>
        <p><label for="csv">{{t.roster_csv}}</label>
        <textarea id="csv" name="csv" rows="8" cols="70" aria-describedby="csv-hint" spellcheck="false"></textarea>
        <small id="csv-hint">{{t.roster_hint}}</small></p>
        <p><button type="submit" id="import">{{t.roster_submit}}</button></p>
        </form><p><a href="/jobs" id="jobs-link">{{t.jobs_title}}</a></p></section>
        {{/mayImport}}
        """

    static let payments = """
        <form method="post" action="/payments/import" id="payment-import" class="card" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="statement">{{t.payment_statement}}</label><input id="statement" name="statement" required aria-describedby="statement-hint">
        <small id="statement-hint">{{t.payment_statementHint}}</small></p>
        <p><label for="csv_file">{{t.import_file}}</label>
        <input type="file" id="csv_file" name="csv_file" accept=".csv,.txt,text/csv,text/plain" aria-describedby="csv-hint"></p>
        <p><label for="csv">{{t.payment_csv}}</label>
        <textarea id="csv" name="csv" rows="8" cols="70" aria-describedby="csv-hint" spellcheck="false"></textarea>
        <small id="csv-hint">{{t.payment_hint}}</small></p>
        <p><button type="submit" id="import">{{t.payment_submit}}</button></p>
        </form>
        <p><a href="/jobs" id="jobs-link">{{t.jobs_title}}</a></p>
        """

    /// A background job: who started it and when, progress while it runs (the page reloads itself),
    /// then its summary; a job cut off by a restart offers to run it again.
    static let job = """
        <dl class="facts" id="job-record"><dt>{{t.job_who}}</dt><dd>{{who}}</dd><dt>{{t.person_region}}</dt><dd>{{region}}</dd>
        <dt>{{t.job_started}}</dt><dd>{{started}}</dd><dt>{{t.job_finished}}</dt><dd>{{finished}}</dd><dt>{{t.job_state}}</dt><dd id="job-state">{{state}}</dd></dl>
        {{#running}}<div class="card" role="status" id="job-progress"><p>{{progressText}}</p>
        <progress max="{{total}}" value="{{done}}" aria-label="{{t.job_progress}}">{{done}} / {{total}}</progress>
        <p class="muted">{{t.job_reloads}}</p></div>{{/running}}
        {{#interrupted}}<div class="problem" role="status" id="job-interrupted"><p>{{t.job_interrupted}}</p></div>{{/interrupted}}
        {{#outcome}}
        <div class="{{#succeeded}}ok{{/succeeded}}{{^succeeded}}problem{{/succeeded}}" role="status" id="job-summary"><p>{{summary}}</p></div>
        {{#hasFacts}}<dl class="facts" id="job-facts">{{#facts}}<dt>{{label}}</dt><dd class="num">{{value}}</dd>{{/facts}}</dl>{{/hasFacts}}
        {{#hasErrors}}<table id="job-errors"><caption>{{t.job_errors}}</caption>
        <thead><tr><th scope="col" class="num">{{t.job_line}}</th><th scope="col">{{t.error_field}}</th><th scope="col">{{t.job_reason}}</th></tr></thead>
        <tbody>{{#errors}}<tr><td class="num">{{line}}</td><td><code>{{field}}</code></td><td>{{reason}}</td></tr>{{/errors}}</tbody></table>{{/hasErrors}}
        {{/outcome}}
        {{#resubmit}}<form method="post" action="{{action}}" id="{{id}}"><input type="hidden" name="csrf" value="{{csrf}}">
        {{#fields}}<input type="hidden" name="{{name}}" value="{{value}}">{{/fields}}
        <p><button type="submit" id="{{button}}">{{label}}</button></p></form>{{/resubmit}}
        <p><a href="{{back}}" id="job-back">{{t.back}}</a> · <a href="/jobs" id="jobs-link">{{t.jobs_title}}</a></p>
        """

    /// The signed-in user's jobs, newest first.
    static let jobs = """
        <table id="job-list"><caption>{{t.jobs_caption}}</caption>
        <thead><tr><th scope="col">{{t.job_title}}</th><th scope="col">{{t.job_who}}</th><th scope="col">{{t.person_region}}</th>
        <th scope="col">{{t.job_started}}</th><th scope="col">{{t.job_finished}}</th><th scope="col" class="num">{{t.job_progress}}</th>
        <th scope="col">{{t.job_state}}</th></tr></thead>
        <tbody>{{#jobs}}<tr class="job-{{stateClass}}"><td><a href="{{href}}">{{title}}</a></td><td>{{who}}</td><td>{{region}}</td>
        <td class="nowrap">{{started}}</td><td class="nowrap">{{finished}}</td><td class="num">{{progress}}</td><td>{{state}}{{#summary}}<br><small>{{summary}}</small>{{/summary}}</td></tr>{{/jobs}}
        {{^jobs}}<tr><td colspan="7">{{t.policy_none}}</td></tr>{{/jobs}}</tbody></table>
        """
}
