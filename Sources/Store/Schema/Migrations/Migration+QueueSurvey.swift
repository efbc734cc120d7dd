// Schema version 7: a queue may name its own satisfaction survey (the tenant flow whose
// first survey node its callers take). NULL keeps the access number's or the tenant's
// survey. An upgrade: one nullable column, no foreign key (provisioning creates queues
// before the flows that reference them; the call path reports a name that matches no
// published flow as a configuration problem).

extension Migration {
    static let queueSurvey = Migration(version: 7, name: "queue survey", sql: [
        "ALTER TABLE queues ADD COLUMN survey_flow TEXT",
    ])
}
