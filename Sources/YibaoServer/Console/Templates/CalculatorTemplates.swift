extension ConsoleTemplates {
    /// The what-if form is a GET, so the address of a result is the link that reproduces it.
    static let calculator = """
        {{> problem}}
        <form method="get" action="/calculator" id="calculator-form" class="calc">
        <fieldset><legend>{{t.calc_policy}}</legend>
        <p><label for="preset">{{t.calc_preset}}</label>
        <select id="preset" name="preset">{{#presets}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/presets}}</select></p>
        <p><label for="wage">{{t.calc_wage}}</label><input id="wage" name="wage" value="{{wage}}" inputmode="decimal" aria-describedby="wage-hint">
        <small id="wage-hint">{{t.calc_wageHint}}</small></p>
        </fieldset>
        <fieldset><legend>{{t.calc_person}}</legend>
        <p><label for="category">{{t.calc_category}}</label>
        <select id="category" name="category">{{#categories}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/categories}}</select></p>
        <fieldset class="checks"><legend>{{t.calc_statuses}}</legend>
        {{#statuses}}<label><input type="checkbox" name="status" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/statuses}}
        </fieldset>
        <p><label for="years">{{t.calc_years}}</label><input id="years" name="years" value="{{years}}" inputmode="numeric"></p>
        <p><label for="illness_years">{{t.calc_illnessYears}}</label><input id="illness_years" name="illness_years" value="{{illnessYears}}" inputmode="numeric"></p>
        <p><label for="acct1">{{t.calc_account1}}</label><input id="acct1" name="acct1" value="{{acct1}}" inputmode="decimal"></p>
        <p><label for="acct2">{{t.calc_account2}}</label><input id="acct2" name="acct2" value="{{acct2}}" inputmode="decimal"></p>
        <p><label for="ytd_inscope">{{t.calc_ytdInScope}}</label><input id="ytd_inscope" name="ytd_inscope" value="{{ytdInScope}}" inputmode="decimal"></p>
        <p><label for="ytd_admissions">{{t.calc_ytdAdmissions}}</label><input id="ytd_admissions" name="ytd_admissions" value="{{ytdAdmissions}}" inputmode="numeric"></p>
        </fieldset>
        <fieldset><legend>{{t.calc_visit}}</legend>
        <p><label for="date">{{t.calc_date}}</label><input id="date" name="date" value="{{date}}" inputmode="numeric" placeholder="2025-03-01"
        pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}" aria-describedby="date-hint"><small id="date-hint">{{t.form_dateHint}}</small></p>
        <p><label for="setting">{{t.calc_setting}}</label>
        <select id="setting" name="setting">{{#settings}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/settings}}</select></p>
        <p><label for="grade">{{t.calc_grade}}</label>
        <select id="grade" name="grade">{{#grades}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/grades}}</select></p>
        </fieldset>
        <fieldset class="wide"><legend>{{t.calc_lines}}</legend>
        <table class="lines"><thead><tr><th scope="col">#</th><th scope="col">{{t.calc_code}}</th><th scope="col">{{t.calc_name}}</th>
        <th scope="col">{{t.calc_class}}</th><th scope="col" class="num">{{t.calc_amount}}</th></tr></thead>
        <tbody>{{#lines}}<tr><td>{{n}}</td>
        <td><input name="code{{n}}" id="code{{n}}" value="{{code}}" aria-label="{{t.calc_code}} {{n}}"></td>
        <td><input name="name{{n}}" id="name{{n}}" value="{{name}}" aria-label="{{t.calc_name}} {{n}}"></td>
        <td><select name="class{{n}}" id="class{{n}}" aria-label="{{t.calc_class}} {{n}}">{{#classes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/classes}}</select></td>
        <td><input name="amount{{n}}" id="amount{{n}}" value="{{amount}}" inputmode="decimal" class="num" aria-label="{{t.calc_amount}} {{n}}"></td></tr>{{/lines}}</tbody></table>
        <p class="muted">{{t.calc_linesHint}}</p>
        </fieldset>
        <input type="hidden" name="run" value="1">
        <p><button type="submit" id="calculate">{{t.calc_submit}}</button></p>
        </form>
        {{#result}}
        <section aria-labelledby="result-title" id="result"><h2 id="result-title">{{t.calc_result}}</h2>
        <p>{{t.calc_share}}: <a id="share-link" href="{{shareHref}}">{{t.calc_shareLink}}</a></p>
        <p class="muted">{{summary}}</p>
        {{> settlement-breakdown}}
        </section>
        {{/result}}
        """

    /// A settlement's national fields (with the label in the other language alongside), its lines as
    /// classified and the engine's step-by-step explanation: the calculator's result and a stored
    /// settlement's page show the same thing the same way.
    static let settlementBreakdown = """
        <table id="national-fields"><caption>{{t.calc_fields}}</caption>
        <thead><tr><th scope="col">{{t.calc_item}}</th><th scope="col">{{t.calc_itemOther}}</th><th scope="col">{{t.calc_field}}</th><th scope="col" class="num">{{t.calc_yuan}}</th></tr></thead>
        <tbody>{{#fields}}<tr id="f-{{field}}"><th scope="row">{{label}}</th><td class="muted" lang="{{otherLang}}">{{otherLabel}}</td><td><code>{{field}}</code></td><td class="num">{{amount}}</td></tr>{{/fields}}</tbody></table>
        <table id="line-results"><caption>{{t.calc_lineResults}}</caption>
        <thead><tr><th scope="col">{{t.calc_code}}</th><th scope="col">{{t.calc_class}}</th><th scope="col" class="num">{{t.calc_amount}}</th>
        <th scope="col" class="num">{{t.calc_fullySelf}}</th><th scope="col" class="num">{{t.calc_overLimit}}</th>
        <th scope="col" class="num">{{t.calc_preSelf}}</th><th scope="col" class="num">{{t.calc_inScope}}</th></tr></thead>
        <tbody>{{#lineResults}}<tr><td>{{code}}</td><td>{{listClass}}</td><td class="num">{{amount}}</td><td class="num">{{fullySelfPaid}}</td>
        <td class="num">{{overLimit}}</td><td class="num">{{preSelfPay}}</td><td class="num">{{inScope}}</td></tr>{{/lineResults}}</tbody></table>
        <h3 id="explanation-title">{{t.calc_explanation}}</h3>
        <ol id="explanation">{{#steps}}<li>{{.}}</li>{{/steps}}</ol>
        """
}
