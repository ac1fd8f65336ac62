extension ConsoleTemplates {
    static let persons = """
        <form method="get" action="/persons" class="filters" id="person-search" role="search">
        <p><label for="q">{{t.persons_query}}</label>
        <input id="q" name="q" value="{{q}}" size="28" aria-describedby="q-hint" autofocus>
        <small id="q-hint">{{t.persons_queryHint}}</small></p>
        <p><button type="submit">{{t.persons_search}}</button></p>
        </form>
        {{#searched}}
        <table id="person-results"><caption>{{caption}}</caption>
        <thead><tr><th scope="col">{{t.person_psnNo}}</th><th scope="col">{{t.person_name}}</th><th scope="col">{{t.person_certno}}</th>
        <th scope="col">{{t.person_sex}}</th><th scope="col">{{t.person_birth}}</th><th scope="col">{{t.person_category}}</th>
        <th scope="col">{{t.person_insutype}}</th><th scope="col">{{t.person_region}}</th></tr></thead>
        <tbody>{{#results}}<tr><td><a href="/persons/{{psnNo}}">{{psnNo}}</a></td><td>{{name}}</td><td class="nowrap"><code>{{certno}}</code></td>
        <td>{{sex}}</td><td class="nowrap">{{birth}}</td><td>{{category}}</td><td>{{insutype}}</td><td>{{region}}</td></tr>{{/results}}
        {{^results}}<tr><td colspan="8">{{t.persons_none}}</td></tr>{{/results}}</tbody></table>
        {{/searched}}
        """

    /// One person's records; each part appears only for roles holding its permission (an insured
    /// person sees the same page of themself at `/me`).
    static let person = """
        <dl class="facts" id="person-facts">
        <dt>{{t.person_name}}</dt><dd id="person-name">{{name}}</dd>
        <dt>{{t.person_psnNo}}</dt><dd>{{psnNo}}</dd>
        <dt>{{t.person_certno}}</dt><dd><code id="person-certno">{{certno}}</code></dd>
        <dt>{{t.person_sex}}</dt><dd>{{sex}}</dd>
        <dt>{{t.person_birth}}</dt><dd>{{birth}}</dd>
        <dt>{{t.person_category}}</dt><dd>{{category}}</dd>
        <dt>{{t.person_statuses}}</dt><dd>{{statuses}}</dd>
        <dt>{{t.person_insutype}}</dt><dd>{{insutype}}</dd>
        <dt>{{t.person_region}}</dt><dd>{{region}}</dd>
        </dl>
        <form method="get" action="{{formAction}}" class="filters" id="person-dates">
        <p><label for="on">{{t.person_on}}</label><input id="on" name="on" value="{{on}}" inputmode="numeric" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}" placeholder="2025-03-01" aria-describedby="on-hint"><small id="on-hint">{{t.form_dateHint}}</small></p>
        <p><label for="from">{{t.person_from}}</label><input id="from" name="from" value="{{from}}" inputmode="numeric" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}" placeholder="2025-01-01"></p>
        <p><label for="through">{{t.person_through}}</label><input id="through" name="through" value="{{through}}" inputmode="numeric" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}" placeholder="2025-12-31"></p>
        <p><button type="submit">{{t.policy_show}}</button></p>
        </form>
        {{#coverage}}
        <section aria-labelledby="h-coverage"><h2 id="h-coverage">{{t.person_coverage}}</h2>
        <div class="{{#covered}}ok{{/covered}}{{^covered}}problem{{/covered}}" id="coverage" role="status"><p><strong>{{statusText}}</strong></p>
        {{#reason}}<p>{{reason}}</p>{{/reason}}{{#scheme}}<p class="muted">{{t.person_scheme}}: {{scheme}}</p>{{/scheme}}</div>
        <table id="enrolment"><caption>{{t.person_enrolment}}</caption>
        <thead><tr><th scope="col">{{t.person_eventDate}}</th><th scope="col">{{t.person_event}}</th><th scope="col">{{t.person_eventDetail}}</th></tr></thead>
        <tbody>{{#events}}<tr><td class="nowrap">{{date}}</td><td>{{kind}}</td><td>{{detail}}</td></tr>{{/events}}
        {{^events}}<tr><td colspan="3">{{t.policy_none}}</td></tr>{{/events}}</tbody></table>
        </section>
        {{/coverage}}
        {{#contributions}}
        <section aria-labelledby="h-contributions"><h2 id="h-contributions">{{t.person_contributions}}</h2>
        <table id="arrears"><caption>{{arrearsCaption}}</caption>
        <thead><tr><th scope="col">{{t.bill_month}}</th><th scope="col" class="num">{{t.bill_principal}}</th><th scope="col" class="num">{{t.bill_outstanding}}</th>
        <th scope="col">{{t.bill_due}}</th><th scope="col" class="num">{{t.bill_monthsOverdue}}</th><th scope="col" class="num">{{t.bill_lateFee}}</th><th scope="col">{{t.bill_escalation}}</th></tr></thead>
        <tbody>{{#debts}}<tr><td>{{month}}</td><td class="num">{{principal}}</td><td class="num">{{outstanding}}</td><td class="nowrap">{{due}}</td>
        <td class="num">{{monthsOverdue}}</td><td class="num">{{lateFee}}</td><td>{{escalation}}</td></tr>{{/debts}}
        {{^debts}}<tr><td colspan="7">{{t.person_noArrears}}</td></tr>{{/debts}}</tbody>
        <tfoot><tr><th scope="row">{{t.total}}</th><td></td><td class="num" id="arrears-total">{{outstanding}}</td><td></td><td></td><td class="num">{{lateFees}}</td><td></td></tr></tfoot></table>
        <table id="bills"><caption>{{t.person_bills}}</caption>
        <thead><tr><th scope="col">{{t.bill_month}}</th><th scope="col">{{t.bill_payer}}</th><th scope="col" class="num">{{t.bill_employerShare}}</th>
        <th scope="col" class="num">{{t.bill_individualShare}}</th><th scope="col" class="num">{{t.bill_total}}</th><th scope="col" class="num">{{t.bill_paid}}</th>
        <th scope="col">{{t.bill_due}}</th><th scope="col">{{t.bill_cleared}}</th></tr></thead>
        <tbody>{{#bills}}<tr><td>{{month}}</td><td>{{payer}}</td><td class="num">{{employerShare}}</td><td class="num">{{individualShare}}</td>
        <td class="num">{{total}}</td><td class="num">{{paid}}</td><td class="nowrap">{{due}}</td><td class="nowrap">{{cleared}}</td></tr>{{/bills}}
        {{^bills}}<tr><td colspan="8">{{t.policy_none}}</td></tr>{{/bills}}</tbody></table>
        </section>
        {{/contributions}}
        {{#account}}
        <section aria-labelledby="h-account"><h2 id="h-account">{{t.person_account}}</h2>
        <dl class="facts" id="account-balance">
        <dt>{{t.account_first}}</dt><dd class="num">{{first}}</dd><dt>{{t.account_second}}</dt><dd class="num">{{second}}</dd>
        <dt>{{t.account_total}}</dt><dd class="num" id="balance-total">{{total}}</dd></dl>
        <table id="statement"><caption>{{caption}}</caption>
        <thead><tr><th scope="col">{{t.account_date}}</th><th scope="col">{{t.account_kind}}</th><th scope="col">{{t.account_level}}</th><th scope="col" class="num">{{t.account_amount}}</th></tr></thead>
        <tbody><tr><td>{{from}}</td><td>{{t.account_opening}}</td><td></td><td class="num">{{opening}}</td></tr>
        {{#movements}}<tr><td class="nowrap">{{date}}</td><td>{{kind}}</td><td>{{level}}</td><td class="num">{{amount}}</td></tr>{{/movements}}
        <tr><td>{{through}}</td><td>{{t.account_closing}}</td><td></td><td class="num" id="statement-closing">{{closing}}</td></tr></tbody></table>
        </section>
        {{/account}}
        {{#settlements}}
        <section aria-labelledby="h-settlements"><h2 id="h-settlements">{{t.person_settlements}}</h2>
        {{> settlement-rows}}
        </section>
        {{/settlements}}
        """

    /// A list of settlements (a person's, an institution's day); each opens to its breakdown.
    static let settlementRows = """
        <table class="settlements" id="settlement-list">
        <thead><tr><th scope="col">{{t.setl_id}}</th><th scope="col">{{t.setl_date}}</th><th scope="col">{{t.setl_person}}</th><th scope="col">{{t.setl_institution}}</th>
        <th scope="col">{{t.setl_medType}}</th><th scope="col" class="num">{{t.setl_medfee}}</th><th scope="col" class="num">{{t.setl_fund}}</th>
        <th scope="col" class="num">{{t.setl_account}}</th><th scope="col" class="num">{{t.setl_cash}}</th><th scope="col">{{t.setl_status}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td><a href="/settlements/{{setlID}}">{{setlID}}</a></td><td class="nowrap">{{date}}</td><td>{{name}}</td><td>{{institution}}</td>
        <td>{{medType}}</td><td class="num">{{medfee}}</td><td class="num">{{fund}}</td><td class="num">{{account}}</td><td class="num">{{cash}}</td><td>{{status}}</td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="10">{{t.setl_none}}</td></tr>{{/rows}}</tbody></table>
        """

    static let settlement = """
        {{#notice}}<div class="ok" role="status" id="notice"><p>{{notice}}</p></div>{{/notice}}
        <dl class="facts" id="settlement-facts">
        <dt>{{t.setl_id}}</dt><dd>{{setlID}}</dd>
        <dt>{{t.setl_status}}</dt><dd id="settlement-status">{{status}}</dd>
        <dt>{{t.setl_date}}</dt><dd>{{date}}</dd>
        <dt>{{t.setl_person}}</dt><dd>{{#personHref}}<a href="{{personHref}}">{{name}}</a>{{/personHref}}{{^personHref}}{{name}}{{/personHref}} · <code>{{certno}}</code></dd>
        <dt>{{t.setl_institution}}</dt><dd>{{institution}}</dd>
        <dt>{{t.setl_medType}}</dt><dd>{{medType}}</dd>
        <dt>{{t.person_insutype}}</dt><dd>{{insutype}}</dd>
        <dt>{{t.setl_mdtrtID}}</dt><dd>{{mdtrtID}}</dd>
        </dl>
        {{#canCancel}}<form method="post" action="/settlements/{{setlID}}/cancel" id="cancel-form" class="card narrow">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p>{{t.setl_cancelHint}}</p>
        <p><button type="submit" id="cancel">{{t.setl_cancel}}</button></p></form>{{/canCancel}}
        <section aria-labelledby="h-breakdown"><h2 id="h-breakdown">{{t.setl_breakdown}}</h2>
        {{> settlement-breakdown}}
        </section>
        <p><a href="{{backHref}}">{{t.back}}</a></p>
        """

    static let institutionSettlements = """
        <form method="get" action="/settlements" class="filters" id="settlement-days">
        <p><label for="from">{{t.person_from}}</label><input id="from" name="from" value="{{from}}" inputmode="numeric" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}" placeholder="2025-03-01" aria-describedby="from-hint"><small id="from-hint">{{t.form_dateHint}}</small></p>
        <p><label for="through">{{t.person_through}}</label><input id="through" name="through" value="{{through}}" inputmode="numeric" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}" placeholder="2025-03-31"></p>
        <p><button type="submit">{{t.policy_show}}</button></p>
        </form>
        <table id="days"><caption>{{caption}}</caption>
        <thead><tr><th scope="col">{{t.setl_date}}</th><th scope="col" class="num">{{t.setl_count}}</th><th scope="col" class="num">{{t.setl_cancelledCount}}</th>
        <th scope="col" class="num">{{t.setl_medfee}}</th><th scope="col" class="num">{{t.setl_fund}}</th><th scope="col" class="num">{{t.setl_account}}</th>
        <th scope="col" class="num">{{t.setl_cash}}</th></tr></thead>
        <tbody>{{#days}}<tr{{#current}} aria-current="date"{{/current}}><td><a href="{{href}}">{{day}}</a></td><td class="num">{{settled}}</td><td class="num">{{cancelled}}</td>
        <td class="num">{{medfee}}</td><td class="num">{{fund}}</td><td class="num">{{account}}</td><td class="num">{{cash}}</td></tr>{{/days}}
        {{^days}}<tr><td colspan="7">{{t.setl_none}}</td></tr>{{/days}}</tbody>
        {{#totals}}<tfoot><tr id="days-total"><th scope="row">{{t.total}}</th><td class="num">{{settled}}</td><td class="num">{{cancelled}}</td>
        <td class="num">{{medfee}}</td><td class="num">{{fund}}</td><td class="num">{{account}}</td><td class="num">{{cash}}</td></tr></tfoot>{{/totals}}
        </table>
        {{#day}}<section aria-labelledby="h-day"><h2 id="h-day">{{dayTitle}}</h2>{{> settlement-rows}}</section>{{/day}}
        """
}
