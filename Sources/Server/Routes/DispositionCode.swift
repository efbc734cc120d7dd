// Disposition codes (小结类型) an agent picks for a call note: the outcome of the call as
// reports count it. One platform-wide list for now; tenant-defined lists can replace it.

/// A disposition code with its names in the consoles' languages.
struct DispositionCode: Encodable, Sendable, Hashable {
    /// The stable code stored with the note (`consult`).
    var code: String
    /// The Chinese name (咨询).
    var nameZh: String
    /// The English name (Enquiry).
    var nameEn: String

    /// Every tenant's codes, in the order the desktop offers them.
    static let standard: [DispositionCode] = [
        DispositionCode(code: "consult", nameZh: "业务咨询", nameEn: "Enquiry"),
        DispositionCode(code: "complaint", nameZh: "投诉", nameEn: "Complaint"),
        DispositionCode(code: "sale", nameZh: "成交", nameEn: "Sale"),
        DispositionCode(code: "follow_up", nameZh: "需回访", nameEn: "Follow-up needed"),
        DispositionCode(code: "wrong_number", nameZh: "打错电话", nameEn: "Wrong number"),
        DispositionCode(code: "other", nameZh: "其他", nameEn: "Other"),
    ]
}
