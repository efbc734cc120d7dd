// The CallCenter module of Kefu; see ../shared/DESIGN.md for what it owns.

/// Facts about the `CallCenter` module.
public enum CallCenterModule {
    /// The module's name as DESIGN.md lists it.
    public static let name = "CallCenter"
}
