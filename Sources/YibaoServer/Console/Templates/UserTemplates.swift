extension ConsoleTemplates {
    static let users = """
        <form method="get" action="/users" class="filters" id="user-search" role="search">
        <p><label for="q">{{t.users_query}}</label><input id="q" name="q" value="{{q}}" size="24"></p>
        <p><button type="submit">{{t.users_search}}</button></p>
        </form>
        <table id="users-table">
        <caption>{{caption}}</caption>
        <thead><tr><th scope="col">{{t.users_username}}</th><th scope="col">{{t.users_name}}</th><th scope="col">{{t.users_role}}</th>
        <th scope="col">{{t.users_region}}</th><th scope="col">{{t.users_binding}}</th><th scope="col">{{t.users_state}}</th></tr></thead>
        <tbody>{{#users}}<tr id="user-{{username}}"><td><a href="{{page}}">{{username}}</a></td><td>{{name}}</td><td>{{role}}</td>
        <td>{{region}}</td><td>{{binding}}</td><td class="{{#flagged}}problem{{/flagged}}">{{state}}</td></tr>{{/users}}
        {{^users}}<tr><td colspan="6">{{t.users_none}}</td></tr>{{/users}}</tbody>
        </table>
        {{#next}}<p><a href="{{next}}" id="users-next" rel="next">{{t.users_next}}</a></p>{{/next}}
        <section aria-labelledby="h-new-user"><h2 id="h-new-user">{{t.users_new}}</h2>
        {{> problem}}
        {{#new}}<form method="post" action="/users" id="new-user" class="calc">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <fieldset><legend>{{t.users_account}}</legend>
        <p><label for="username">{{t.users_username}}</label><input id="username" name="username" value="{{username}}" required maxlength="64"
        pattern="[A-Za-z0-9][A-Za-z0-9._@-]*" autocomplete="off" aria-describedby="username-hint"><small id="username-hint">{{t.users_usernameHint}}</small></p>
        <p><label for="display_name">{{t.users_name}}</label><input id="display_name" name="display_name" value="{{display_name}}" maxlength="100"></p>
        <p><label for="role">{{t.users_role}}</label>
        <select id="role" name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select></p>
        <p><label for="admdvs">{{t.users_region}}</label><input id="admdvs" name="admdvs" value="{{admdvs}}" required inputmode="numeric" pattern="[0-9]{6}"></p>
        <p><label for="password">{{t.users_password}}</label><input id="password" name="password" type="password" autocomplete="new-password"
        aria-describedby="password-hint"><small id="password-hint">{{rule}}{{t.users_passwordHint}}</small></p>
        </fieldset>
        <fieldset><legend>{{t.users_bindingLegend}}</legend>
        <p class="hint">{{t.users_bindingHint}}</p>
        <p><label for="fixmedins_code">{{t.users_institution}}</label><input id="fixmedins_code" name="fixmedins_code" value="{{fixmedins_code}}"></p>
        <p><label for="psn_no">{{t.users_person}}</label><input id="psn_no" name="psn_no" value="{{psn_no}}" inputmode="numeric"></p>
        <p><label for="employer_id">{{t.users_employer}}</label><input id="employer_id" name="employer_id" value="{{employer_id}}" inputmode="numeric"></p>
        </fieldset>
        <p><button type="submit" id="create-user">{{t.users_create}}</button></p>
        </form>{{/new}}
        </section>
        """

    static let user = """
        <dl class="facts" id="user">
        <dt>{{t.users_username}}</dt><dd>{{username}}</dd>
        <dt>{{t.users_name}}</dt><dd>{{name}}</dd>
        <dt>{{t.users_role}}</dt><dd>{{role}}</dd>
        <dt>{{t.users_region}}</dt><dd>{{region}}</dd>
        {{#binding}}<dt>{{t.users_binding}}</dt><dd>{{binding}}</dd>{{/binding}}
        <dt>{{t.users_state}}</dt><dd id="user-state">{{state}}</dd>
        </dl>
        {{#locked}}<form method="post" action="{{page}}/unlock" class="inline-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" id="unlock">{{t.users_unlock}}</button>
        </form>{{/locked}}
        {{^own}}<form method="post" action="{{page}}/{{switchAction}}" class="inline-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" id="switch">{{switchLabel}}</button>
        </form>
        <form method="post" action="{{page}}/password" class="inline-form" id="set-password">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="new-password">{{t.users_setPassword}}</label> <input id="new-password" name="password" type="password"
        autocomplete="new-password" required minlength="{{minLength}}" aria-describedby="set-password-hint">
        <button type="submit" id="set-password-button">{{t.users_setPassword}}</button>
        <small id="set-password-hint">{{rule}}{{t.users_setPasswordHint}}</small>
        </form>{{/own}}
        <p class="hint">{{t.users_hint}}</p>
        {{> problem}}
        {{#issued}}<div class="ok" role="status" id="issued-token"><p>{{t.users_issued}} <strong>{{name}}</strong></p>
        <p><code id="new-token">{{token}}</code></p><p class="muted">{{t.users_issuedHint}}</p></div>{{/issued}}
        <table id="tokens-table">
        <caption>{{t.users_tokens}}</caption>
        <thead><tr><th scope="col">{{t.users_token_name}}</th><th scope="col">{{t.users_token_issued}}</th>
        <th scope="col">{{t.users_token_revoked}}</th><th scope="col">{{t.users_token_action}}</th></tr></thead>
        <tbody>{{#tokens}}<tr><td>{{name}}</td><td class="nowrap">{{issued}}</td><td class="nowrap">{{revoked}}</td>
        <td>{{#live}}<form method="post" action="{{page}}/tokens/revoke" class="inline-form">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{name}}">
        <button type="submit" class="revoke">{{t.users_revoke}}</button></form>{{/live}}</td></tr>{{/tokens}}
        {{^tokens}}<tr><td colspan="4">{{t.users_no_tokens}}</td></tr>{{/tokens}}</tbody>
        </table>
        <form method="post" action="{{page}}/tokens" class="inline-form" id="issue-token">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="token-name">{{t.users_issueLabel}}</label> <input id="token-name" name="name" value="{{label}}" required maxlength="64" placeholder="his">
        <button type="submit" id="issue">{{t.users_issue}}</button>
        </form>
        {{#hasLive}}<form method="post" action="{{page}}/tokens/revoke" class="inline-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" id="revoke-all">{{t.users_revoke_all}}</button>
        </form>{{/hasLive}}
        """
}
