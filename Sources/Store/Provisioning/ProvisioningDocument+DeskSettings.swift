// The `desk_settings:` section of a tenant in the provisioning format: the agent desktop's
// embedded CRM page and the disposition codes (小结类型) of call notes, as
// `PUT /api/v1/config/desk-settings` takes them.
import Foundation

extension ProvisioningDocument {
    /// A tenant's desk settings. The section describes the settings whole, as the API's `PUT`
    /// does: a missing `crm_url_template` means no CRM page, missing `disposition_codes` the
    /// standard list (so `desk_settings: {}` returns to the defaults). A tenant without the
    /// section keeps what it has.
    public struct DeskSettingsEntry: Codable, Hashable, Sendable {
        /// `crm_url_template:` in the file (optional): an http(s) URL naming its scheme and
        /// host before any variable, e.g. `https://crm.example.cn/customer?phone={caller}`.
        public var crmURLTemplate: String?
        /// `disposition_codes:` in the file (optional): the tenant's own codes, in the order
        /// the desktop offers them.
        public var dispositionCodes: [DispositionCodeEntry]?

        /// The section as an export writes `settings`, or `nil` for the defaults (no CRM page,
        /// the standard codes), so an export leaves tenants that changed nothing without it.
        init?(_ settings: DeskSettings) {
            guard settings != DeskSettings() else { return nil }
            crmURLTemplate = settings.crmURLTemplate
            dispositionCodes = settings.customDispositionCodes?.map {
                DispositionCodeEntry(code: $0.code, nameZh: $0.nameZh, nameEn: $0.nameEn)
            }
        }

        /// The settings the section describes; a blank template means no CRM page, as in the API.
        var settings: DeskSettings {
            let template = crmURLTemplate?.trimmingCharacters(in: .whitespaces)
            return DeskSettings(
                crmURLTemplate: template?.isEmpty == false ? template : nil,
                customDispositionCodes: dispositionCodes?.map { DispositionCode(code: $0.code, nameZh: $0.nameZh, nameEn: $0.nameEn) })
        }

        enum CodingKeys: String, CodingKey {
            case crmURLTemplate = "crm_url_template"
            case dispositionCodes = "disposition_codes"
        }
    }

    /// One disposition code: `{ code: consult, name_zh: 业务咨询, name_en: Enquiry }`.
    public struct DispositionCodeEntry: Codable, Hashable, Sendable {
        /// `code:` in the file: what call notes store (lowercase letters, digits, `_`, `-`).
        public var code: String
        /// `name_zh:` in the file: the name the Chinese desktop shows.
        public var nameZh: String
        /// `name_en:` in the file: the name the English desktop shows.
        public var nameEn: String

        enum CodingKeys: String, CodingKey {
            case code
            case nameZh = "name_zh"
            case nameEn = "name_en"
        }
    }
}
