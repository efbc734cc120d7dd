// Whether a Replaces value (RFC 3891) names one of kefu's dialogs: the attended-transfer REFER
// and the INVITE that takes a call to another device both name the dialog they replace. Also
// the REFER's side of it: the Replaces inside a Refer-To, and the NOTIFYs that report on it.

import SIP
import SIPStack

extension Replaces {
    /// Whether this names `dialog`: the Call-ID and both tags (RFC 3891 §3). Phones differ in
    /// whose view the to-tag and from-tag take, so they match in either order.
    func names(_ dialog: DialogID) -> Bool {
        dialog.callID == callID.rawValue && Set([toTag ?? "", fromTag ?? ""]) == Set([dialog.localTag, dialog.remoteTag])
    }

    /// Whether this names the dialog of `call` (once it has one).
    func names(_ call: SIPCall) async -> Bool {
        guard let dialog = await call.dialogID else { return false }
        return names(dialog)
    }
}

extension SIPRequest {
    /// The Replaces inside a REFER's Refer-To (`<sip:1002@host?Replaces=...>`, RFC 5589 §7):
    /// nil when the Refer-To has none (a blind transfer); throws when it cannot be read.
    func referToReplaces() throws -> Replaces? {
        guard let text = try headers.referTo?.uri.sipURI?.headers["Replaces"] else { return nil }
        return try Replaces(text)
    }
}

extension SIPCall {
    /// Tells the phone that sent a REFER on this dialog how its transfer is going: a NOTIFY
    /// whose `message/sipfrag` body is `SIP/2.0 <sipfrag>` (RFC 3515 §2.4.5); `final` ends
    /// the implicit subscription.
    func notifyTransfer(_ sipfrag: String, final: Bool) async {
        _ = try? await notify(
            event: "refer", subscriptionState: final ? "terminated;reason=noresource" : "active;expires=60",
            body: Array("SIP/2.0 \(sipfrag)\r\n".utf8), contentType: try? SIPMediaType("message/sipfrag;version=2.0"))
    }
}
