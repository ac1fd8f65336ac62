extension ConsoleTemplates {
    static let users = """
        <table id="users-table">
        <caption>{{caption}}</caption>
        <thead><tr><th scope="col">{{t.users_username}}</th><th scope="col">{{t.users_name}}</th><th scope="col">{{t.users_role}}</th>
        <th scope="col">{{t.users_region}}</th><th scope="col">{{t.users_binding}}</th><th scope="col">{{t.users_state}}</th></tr></thead>
        <tbody>{{#users}}<tr id="user-{{username}}"><td><a href="{{page}}">{{username}}</a></td><td>{{name}}</td><td>{{role}}</td>
        <td>{{region}}</td><td>{{binding}}</td><td class="{{^active}}problem{{/active}}">{{state}}</td></tr>{{/users}}</tbody>
        </table>
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
        {{^own}}<form method="post" action="{{page}}/{{switchAction}}" class="inline-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" id="switch">{{switchLabel}}</button>
        </form>{{/own}}
        <p class="hint">{{t.users_hint}}</p>
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
        {{#hasLive}}<form method="post" action="{{page}}/tokens/revoke" class="inline-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" id="revoke-all">{{t.users_revoke_all}}</button>
        </form>{{/hasLive}}
        """
}
