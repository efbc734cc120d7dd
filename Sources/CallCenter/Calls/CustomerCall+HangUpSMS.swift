// The hang-up SMS (挂机短信) a number's rules ask for: queued in the durable outbox when the
// call ends, if the call's outcome matches the rule's condition, never delaying the call.

import IVR

extension CustomerCall {
    /// Queues the rule's SMS to the caller when the outcome matches; an anonymous caller
    /// gets none.
    func queueHangUpSMS() async {
        guard let sms = hangUpSMS, caller != "anonymous", !caller.isEmpty else { return }
        var values = summary.callData
        values["caller"] = caller
        values["number"] = route.number
        values["agent"] = summary.agentWorkNumber ?? ""
        guard let text = sms.message(answered: summary.answeredAt != nil, values: values), !text.isEmpty else { return }
        await context.records.queueSMS(
            tenant: tenant.id, to: caller, from: route.number, body: text, purpose: "hangup", callID: summary.callID)
    }
}
