// The SIP module of Kefu; see ../shared/DESIGN.md for what it owns.

/// Facts about the `SIP` module.
public enum SIPModule {
    /// The module's name as DESIGN.md lists it.
    public static let name = "SIP"
}
