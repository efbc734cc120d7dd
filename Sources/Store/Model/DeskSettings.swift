// A tenant's desk settings: how the agent desktop embeds the enterprise's CRM page (a URL
// template filled with the caller's data) and which disposition codes (小结类型) call notes
// offer. A tenant that set none gets the built-in defaults.
import Foundation

/// A disposition code (小结类型) with its names in the consoles' languages.
public struct DispositionCode: Hashable, Sendable, Codable {
    /// The stable code stored with a call note (`consult`).
    public var code: String
    /// The Chinese name (业务咨询).
    public var nameZh: String
    /// The English name (Enquiry).
    public var nameEn: String

    /// A code with its two names.
    public init(code: String, nameZh: String, nameEn: String) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
    }

    /// The codes of a tenant that defined none, in the order the desktop offers them.
    public static let standard: [DispositionCode] = [
        DispositionCode(code: "consult", nameZh: "业务咨询", nameEn: "Enquiry"),
        DispositionCode(code: "complaint", nameZh: "投诉", nameEn: "Complaint"),
        DispositionCode(code: "sale", nameZh: "成交", nameEn: "Sale"),
        DispositionCode(code: "follow_up", nameZh: "需回访", nameEn: "Follow-up needed"),
        DispositionCode(code: "wrong_number", nameZh: "打错电话", nameEn: "Wrong number"),
        DispositionCode(code: "other", nameZh: "其他", nameEn: "Other"),
    ]
}

/// What a tenant admin sets for the agent desktop.
public struct DeskSettings: Hashable, Sendable {
    /// The embedded CRM page, e.g. `https://crm.example.cn/customer?phone={caller}`; the
    /// desktop replaces each variable (``crmVariables``) with the call's value, URL-escaped.
    /// `nil`: no CRM page.
    public var crmURLTemplate: String?
    /// The tenant's own disposition codes; `nil`: ``DispositionCode/standard``.
    public var customDispositionCodes: [DispositionCode]?

    /// The variables a CRM URL template may use.
    public static let crmVariables = ["caller", "called", "call_id", "queue", "agent"]
    /// The longest CRM URL template the store keeps.
    public static let maximumTemplateLength = 1_000
    /// The most disposition codes a tenant may define.
    public static let maximumDispositionCodes = 50

    /// Settings; the defaults are no CRM page and the standard codes.
    public init(crmURLTemplate: String? = nil, customDispositionCodes: [DispositionCode]? = nil) {
        self.crmURLTemplate = crmURLTemplate
        self.customDispositionCodes = customDispositionCodes
    }

    /// The codes call notes offer: the tenant's own, or the standard list.
    public var dispositionCodes: [DispositionCode] { customDispositionCodes ?? DispositionCode.standard }

    /// Whether `code` is one of ``dispositionCodes``.
    public func offers(_ code: String) -> Bool {
        dispositionCodes.contains { $0.code == code }
    }
}
