extension ConsoleTemplates {
    static let dashboard = """
        <p>{{greeting}}</p>
        <div class="charts">{{#charts}}{{> chart}}{{/charts}}</div>
        """

    static let institution = """
        <dl class="facts" id="institution">
        <dt>{{t.institution_code}}</dt><dd>{{code}}</dd>
        <dt>{{t.institution_name}}</dt><dd>{{name}}</dd>
        <dt>{{t.institution_kind}}</dt><dd>{{kind}}</dd>
        <dt>{{t.institution_grade}}</dt><dd>{{grade}}</dd>
        <dt>{{t.institution_region}}</dt><dd>{{region}}</dd>
        </dl>
        """

    static let audit = """
        <form method="post" action="/audit/verify" class="inline-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" id="verify">{{t.audit_verify}}</button>
        </form>
        {{#verification}}<div class="{{#intact}}ok{{/intact}}{{^intact}}problem{{/intact}}" role="status" id="verification">
        <p>{{summary}}</p>{{#hasFindings}}<ul>{{#findings}}<li>{{.}}</li>{{/findings}}</ul>{{/hasFindings}}</div>{{/verification}}
        <table id="audit-table">
        <caption>{{caption}}</caption>
        <thead><tr><th scope="col" class="num">{{t.audit_seq}}</th><th scope="col">{{t.audit_at}}</th><th scope="col">{{t.audit_actor}}</th>
        <th scope="col">{{t.audit_role}}</th><th scope="col">{{t.audit_action}}</th><th scope="col">{{t.audit_target}}</th>
        <th scope="col">{{t.audit_before}}</th><th scope="col">{{t.audit_after}}</th></tr></thead>
        <tbody>{{#records}}<tr><td class="num">{{seq}}</td><td class="nowrap">{{at}}</td><td>{{actor}}</td><td>{{role}}</td>
        <td><code>{{action}}</code></td><td>{{target}}</td><td class="wrap">{{before}}</td><td class="wrap">{{after}}</td></tr>{{/records}}
        {{^records}}<tr><td colspan="8">{{t.audit_none}}</td></tr>{{/records}}</tbody>
        </table>
        """
}
