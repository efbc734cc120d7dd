// The SIPStack module of Kefu; see ../shared/DESIGN.md for what it owns.

/// Facts about the `SIPStack` module.
public enum SIPStackModule {
    /// The module's name as DESIGN.md lists it.
    public static let name = "SIPStack"
}
