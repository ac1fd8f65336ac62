extension ConsoleTemplates {
    static let policies = """
        <form method="get" action="/policies" class="filters" id="policy-filter">
        <p><label for="admdvs">{{t.policy_region}}</label>
        <select id="admdvs" name="admdvs">{{#regions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/regions}}</select></p>
        <p><label for="insutype">{{t.policy_insutype}}</label>
        <select id="insutype" name="insutype">{{#insutypes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/insutypes}}</select></p>
        <p><label for="on">{{t.policy_on}}</label>
        <input id="on" name="on" value="{{on}}" inputmode="numeric" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}" placeholder="2025-03-01" aria-describedby="on-hint">
        <small id="on-hint">{{t.form_dateHint}}</small></p>
        <p><button type="submit">{{t.policy_show}}</button></p>
        </form>
        {{#document}}<section aria-labelledby="in-force"><h2 id="in-force">{{inForceTitle}}</h2>{{> policy-tables}}</section>{{/document}}
        {{^document}}<div class="problem" id="no-policy"><p>{{noneText}}</p></div>{{/document}}
        <section aria-labelledby="history"><h2 id="history">{{t.policy_history}}</h2>
        <form method="get" action="/policies/diff" id="diff-form">
        <table id="versions">
        <thead><tr><th scope="col">{{t.policy_id}}</th><th scope="col">{{t.policy_insutype}}</th><th scope="col">{{t.policy_effectiveFrom}}</th>
        <th scope="col">{{t.policy_title}}</th><th scope="col">{{t.policy_publishedBy}}</th><th scope="col">{{t.policy_publishedAt}}</th>
        <th scope="col">{{t.policy_compareA}}</th><th scope="col">{{t.policy_compareB}}</th></tr></thead>
        <tbody>{{#versions}}<tr><td><a href="/policies/{{id}}">{{id}}</a></td><td>{{insutype}}</td><td class="nowrap">{{effectiveFrom}}</td>
        <td>{{title}}</td><td>{{createdBy}}</td><td class="nowrap">{{createdAt}}</td>
        <td><input type="radio" name="a" value="{{id}}" id="a-{{id}}"{{#isA}} checked{{/isA}}><label for="a-{{id}}" class="sr">{{t.policy_compareA}} {{id}}</label></td>
        <td><input type="radio" name="b" value="{{id}}" id="b-{{id}}"{{#isB}} checked{{/isB}}><label for="b-{{id}}" class="sr">{{t.policy_compareB}} {{id}}</label></td></tr>{{/versions}}
        {{^versions}}<tr><td colspan="8">{{t.policy_noVersions}}</td></tr>{{/versions}}</tbody>
        </table>
        <p><button type="submit">{{t.policy_compare}}</button></p>
        </form></section>
        """

    static let policyVersion = """
        {{> policy-tables}}
        <p><a href="/policies?admdvs={{region}}&amp;insutype={{insutypeCode}}">{{t.policy_backToList}}</a></p>
        """

    /// The readable tables of one document's `benefits` section.
    static let policyTables = """
        <dl class="facts">
        <dt>{{t.policy_id}}</dt><dd id="doc-id">{{id}}</dd>
        <dt>{{t.policy_title}}</dt><dd>{{title}}</dd>
        <dt>{{t.policy_region}}</dt><dd>{{region}}</dd>
        <dt>{{t.policy_insutype}}</dt><dd>{{insutype}}</dd>
        <dt>{{t.policy_effectiveFrom}}</dt><dd>{{effectiveFrom}}</dd>
        {{#benefits}}<dt>{{t.policy_benefitYear}}</dt><dd>{{benefitYear}}</dd>{{/benefits}}
        </dl>
        {{^benefits}}<p>{{t.policy_noBenefits}}</p>{{/benefits}}
        {{#benefits}}
        <h3 id="h-deductibles">{{t.policy_deductibles}}</h3>
        <table id="deductibles"><thead><tr><th scope="col">{{t.policy_appliesTo}}</th><th scope="col" class="num">{{t.policy_amount}}</th>
        <th scope="col">{{t.policy_per}}</th><th scope="col" class="num">{{t.policy_repeatReduction}}</th><th scope="col" class="num">{{t.policy_floor}}</th></tr></thead>
        <tbody>{{#deductibles}}<tr><td>{{scope}}</td><td class="num">{{amount}}</td><td>{{per}}</td><td class="num">{{reduction}}</td><td class="num">{{floor}}</td></tr>{{/deductibles}}
        {{^deductibles}}<tr><td colspan="5">{{t.policy_none}}</td></tr>{{/deductibles}}</tbody></table>

        <h3 id="h-ratios">{{t.policy_ratios}}</h3>
        <p class="muted">{{t.policy_ratiosNote}}</p>
        {{#ratioTables}}<table class="matrix" id="ratios-{{setting}}"><caption>{{settingName}}</caption>
        <thead><tr><th scope="col">{{t.policy_grade}}</th>{{#categories}}<th scope="col" class="num">{{.}}</th>{{/categories}}</tr></thead>
        <tbody>{{#rows}}<tr><th scope="row">{{grade}}</th>{{#cells}}<td class="num">{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody></table>{{/ratioTables}}
        {{^ratioTables}}<p>{{t.policy_none}}</p>{{/ratioTables}}

        <h3 id="h-classb">{{t.policy_classB}}</h3>
        <table id="class-b"><thead><tr><th scope="col">{{t.policy_appliesTo}}</th><th scope="col" class="num">{{t.policy_ratio}}</th></tr></thead>
        <tbody>{{#classB}}<tr><td>{{scope}}</td><td class="num">{{ratio}}</td></tr>{{/classB}}{{^classB}}<tr><td colspan="2">{{t.policy_none}}</td></tr>{{/classB}}</tbody></table>

        <h3 id="h-caps">{{t.policy_caps}}</h3>
        <table id="caps"><thead><tr><th scope="col">{{t.policy_fund}}</th><th scope="col" class="num">{{t.policy_cap}}</th></tr></thead>
        <tbody>{{#caps}}<tr><td>{{fund}}</td><td class="num">{{cap}}</td></tr>{{/caps}}{{^caps}}<tr><td colspan="2">{{t.policy_none}}</td></tr>{{/caps}}</tbody></table>

        <h3 id="h-layers">{{t.policy_layers}}</h3>
        <table id="layers"><thead><tr><th scope="col">{{t.policy_layer}}</th><th scope="col">{{t.policy_fund}}</th>
        <th scope="col" class="num">{{t.policy_share}}</th><th scope="col" class="num">{{t.policy_cap}}</th></tr></thead>
        <tbody>{{#layers}}<tr><td>{{id}}</td><td>{{fund}}</td><td class="num">{{share}}</td><td class="num">{{cap}}</td></tr>{{/layers}}
        {{^layers}}<tr><td colspan="4">{{t.policy_none}}</td></tr>{{/layers}}</tbody></table>

        <h3 id="h-subsidies">{{t.policy_subsidies}}</h3>
        <table id="subsidies"><thead><tr><th scope="col">{{t.policy_layer}}</th><th scope="col">{{t.policy_fund}}</th><th scope="col">{{t.policy_appliesTo}}</th>
        <th scope="col">{{t.policy_base}}</th><th scope="col">{{t.policy_tiers}}</th><th scope="col" class="num">{{t.policy_cap}}</th></tr></thead>
        <tbody>{{#subsidies}}<tr><td>{{id}}</td><td>{{fund}}</td><td>{{scope}}</td><td>{{base}}</td><td>{{tiers}}</td><td class="num">{{cap}}</td></tr>{{/subsidies}}
        {{^subsidies}}<tr><td colspan="6">{{t.policy_none}}</td></tr>{{/subsidies}}</tbody></table>
        {{/benefits}}
        """

    static let policyDiff = """
        <p>{{t.diff_between}} <a href="/policies/{{a}}">{{a}}</a> ↔ <a href="/policies/{{b}}">{{b}}</a></p>
        <table id="diff" class="diff">
        <thead><tr><th scope="col">{{t.diff_path}}</th><th scope="col">{{t.diff_kind}}</th><th scope="col">{{a}}</th><th scope="col">{{b}}</th></tr></thead>
        <tbody>{{#changes}}<tr class="{{kind}}"><td><code>{{path}}</code></td><td>{{kindName}}</td><td class="old">{{old}}</td><td class="new">{{new}}</td></tr>{{/changes}}
        {{^changes}}<tr><td colspan="4">{{t.diff_none}}</td></tr>{{/changes}}</tbody>
        </table>
        <p><a href="/policies">{{t.policy_backToList}}</a></p>
        """
}
