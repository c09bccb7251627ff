/// The client's own name and version, sent as connection attributes.
public enum MySQLWireInfo {
    public static let clientName = "MySQLWire"
    public static let version = "0.1.0"
}
