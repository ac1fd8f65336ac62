/// Migration 11 (issue 4, item 10): users bound to one contributing employer (`employer_user`, 参保单位经办人).
/// `employer_id` names the employer of the user's region (`admdvs`), as `fixmedins_code` names an
/// institution user's institution and `psn_no` an insured user's person.
extension Schema {
    static let v11EmployerUsers = Migration(11, "users bound to an employer", [
        "ALTER TABLE users ADD COLUMN employer_id BIGINT",
    ])
}
