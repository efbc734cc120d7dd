// Test support for SIP: message builders and far-end peers, shared by every SIP test target.
import SIP

/// Facts about the `SIPTesting` module.
public enum SIPTestingModule {
    /// The module under test support.
    public static let supports = SIPModule.name
}
