// Whether a Replaces value (RFC 3891) names one of kefu's dialogs: the attended-transfer REFER
// and the INVITE that takes a call to another device both name the dialog they replace.

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
