/// One column of a result set.
/// https://mariadb.com/kb/en/result-set-packets/#column-definition-packet
public struct ColumnDefinition: Equatable, Sendable {
    public var schema: String
    public var table: String
    public var originalTable: String
    /// The column's name in the result (its alias, if any).
    public var name: String
    public var originalName: String
    /// Collation id; 63 means binary.
    public var characterSet: UInt16
    public var length: UInt32
    public var type: ColumnType
    public var flags: ColumnFlags
    public var decimals: UInt8

    public init(schema: String = "", table: String = "", originalTable: String = "", name: String,
                originalName: String = "", characterSet: UInt16 = 45, length: UInt32 = 0,
                type: ColumnType, flags: ColumnFlags = [], decimals: UInt8 = 0) {
        self.schema = schema
        self.table = table
        self.originalTable = originalTable
        self.name = name
        self.originalName = originalName
        self.characterSet = characterSet
        self.length = length
        self.type = type
        self.flags = flags
        self.decimals = decimals
    }

    /// True when the column holds bytes rather than text (BINARY, VARBINARY, BLOB, BIT).
    public var isBinary: Bool { characterSet == 63 && !type.isInteger && !type.isDecimal
        && !type.isFloatingPoint && !type.isDate && !type.isTime && !type.isDateTime }

    package init(decoding payload: [UInt8]) throws(MySQLError) {
        var reader = ByteReader(payload, packet: .columnDefinition)
        let catalog = try reader.readLengthEncodedString()
        guard catalog == "def" else { throw .malformed(.catalog(String(catalog.prefix(40)))) }
        schema = try reader.readLengthEncodedString()
        table = try reader.readLengthEncodedString()
        originalTable = try reader.readLengthEncodedString()
        name = try reader.readLengthEncodedString()
        originalName = try reader.readLengthEncodedString()
        let fixedLength = try reader.readLengthEncodedInteger()
        guard fixedLength >= 10, fixedLength <= UInt64(reader.remaining) else {
            throw .malformed(.fixedFieldsLength(fixedLength))
        }
        characterSet = try reader.readUInt16()
        length = try reader.readUInt32()
        type = ColumnType(rawValue: try reader.readUInt8())
        flags = ColumnFlags(rawValue: try reader.readUInt16())
        decimals = try reader.readUInt8()
        try reader.skip(Int(fixedLength) - 10)
    }

    /// The definition as a server encodes it (used by tests and the replay server).
    package func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 64)
        writer.writeLengthEncodedString("def")
        writer.writeLengthEncodedString(schema)
        writer.writeLengthEncodedString(table)
        writer.writeLengthEncodedString(originalTable)
        writer.writeLengthEncodedString(name)
        writer.writeLengthEncodedString(originalName)
        writer.writeLengthEncodedInteger(0x0C)
        writer.writeUInt16(characterSet)
        writer.writeUInt32(length)
        writer.writeUInt8(type.rawValue)
        writer.writeUInt16(flags.rawValue)
        writer.writeUInt8(decimals)
        writer.writeZeros(2)
        return writer.bytes
    }
}
