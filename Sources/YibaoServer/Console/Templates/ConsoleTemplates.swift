/// The console's Mustache templates, as Swift constants so every build carries them. `{{x}}` escapes
/// HTML; `{{{x}}}` is used only for markup the console itself produced (the page body, SVG charts).
/// Every visible word comes from `t` (the `ConsoleText` catalogue in the page's language).
enum ConsoleTemplates {
    static let all: [String: String] = [
        "layout": layout, "error": error, "signin": signIn, "chart": chart, "dashboard": dashboard,
        "policies": policies, "policy-tables": policyTables, "policy-version": policyVersion, "policy-diff": policyDiff,
        "calculator": calculator, "settlement-breakdown": settlementBreakdown, "audit": audit, "institution": institution,
        "persons": persons, "person": person, "settlement-rows": settlementRows, "settlement": settlement, "institution-settlements": institutionSettlements,
        "employers": employers, "employer": employer, "payments": payments, "job": job, "jobs": jobs, "users": users, "user": user,
        "problem": problem, "password": password,
    ]

    static let layout = """
        <!doctype html>
        <html lang="{{lang}}">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{t.app_name}}</title>{{#refresh}}<meta http-equiv="refresh" content="{{refresh}}">{{/refresh}}
        <link rel="stylesheet" href="/console/style.css"></head>
        <body>
        <a class="skip" href="#main">{{t.layout_skip}}</a>
        <header class="top">
        <a class="brand" href="/">{{t.app_name}}</a>
        {{#user}}<nav aria-label="{{t.layout_menu}}"><ul class="menu">{{#menu}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/menu}}</ul></nav>{{/user}}
        <div class="tools">
        <a id="lang-switch" href="{{switchHref}}" hreflang="{{otherLang}}" lang="{{otherLang}}">{{otherName}}</a>
        {{#user}}<span class="who" id="who">{{name}} · {{role}}</span> <a href="/password" id="change-password">{{t.layout_password}}</a>
        <form method="post" action="/signout" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" id="sign-out">{{t.layout_signOut}}</button></form>{{/user}}
        </div>
        </header>
        <main id="main" tabindex="-1">
        <h1>{{title}}</h1>
        {{{body}}}
        </main>
        <footer>{{t.layout_footer}}</footer>
        </body>
        </html>
        """

    static let error = """
        <div class="problem" role="alert" id="problem"><p>{{message}}</p>
        <p class="muted">{{t.error_code}}: <code>{{code}}</code>{{#path}} · {{t.error_field}}: <code>{{path}}</code>{{/path}}</p></div>
        <p><a href="/">{{t.error_back}}</a></p>
        """

    /// A refused form's reason above the form, with the field it concerns.
    static let problem = """
        {{#failure}}<div class="problem" role="alert" id="problem"><p>{{message}}</p>{{#path}}<p class="muted">{{t.error_field}}: <code>{{path}}</code></p>{{/path}}</div>{{/failure}}
        """

    static let signIn = """
        {{#failure}}<div class="problem" role="alert" id="problem"><p>{{failure}}</p></div>{{/failure}}
        {{#changed}}<div class="ok" role="status" id="password-changed"><p>{{t.password_changed}}</p></div>{{/changed}}
        <form method="post" action="/signin" class="card narrow" id="signin-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="username">{{t.signin_username}}</label>
        <input id="username" name="username" autocomplete="username" required autofocus value="{{username}}"></p>
        <p><label for="password">{{t.signin_password}}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">{{t.signin_submit}}</button></p>
        </form>
        """

    static let password = """
        {{#required}}<div class="problem" role="alert" id="password-required"><p>{{required}}</p></div>{{/required}}
        {{> problem}}
        <form method="post" action="/password" class="card narrow" id="password-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="current_password">{{t.password_current}}</label>
        <input id="current_password" name="current_password" type="password" autocomplete="current-password" required autofocus></p>
        <p><label for="password">{{t.password_new}}</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength="{{minLength}}" aria-describedby="password-hint">
        <small id="password-hint">{{rule}}{{t.password_hint}}</small></p>
        <p><label for="password_repeat">{{t.password_repeat}}</label>
        <input id="password_repeat" name="password_repeat" type="password" autocomplete="new-password" required></p>
        <p><button type="submit" id="change">{{t.password_submit}}</button></p>
        </form>
        """

    /// A chart: the SVG, the table behind it (same numbers) and its CSV.
    static let chart = """
        <figure class="chart" id="{{id}}">
        <figcaption>{{title}}</figcaption>
        {{{svg}}}
        <details><summary>{{t.chart_table}}</summary>
        <table><thead><tr><th scope="col">{{labelHeader}}</th><th scope="col" class="num">{{valueHeader}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td>{{label}}</td><td class="num">{{value}}</td></tr>{{/rows}}</tbody></table></details>
        <p><a href="{{csvHref}}" download>{{t.chart_csv}}</a></p>
        </figure>
        """
}
