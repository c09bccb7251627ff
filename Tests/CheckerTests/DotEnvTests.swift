import Glibc
import Testing
import TestSupport
@testable import Checker

@Suite("The .env file")
struct DotEnvTests {
    @Test("unquoted, quoted, exported and commented lines are read as python-dotenv reads them")
    func mixedFile() throws {
        let text = """
            # written by the pipeline
            db_host=db.example.test
            export db_port=3307
            db_username = checker
            db_password='pa ss#word'
            zulip_topic="daily \\"backups\\""
            database=backups # the schema
            empty=
            db_table=list#1
            ZULIP_STREAM=ops\r

            """
        let values = try DotEnv(parsing: text).values
        #expect(values["db_host"] == "db.example.test")
        #expect(values["db_port"] == "3307")
        #expect(values["db_username"] == "checker")
        #expect(values["db_password"] == "pa ss#word")
        #expect(values["zulip_topic"] == "daily \"backups\"")
        #expect(values["database"] == "backups")
        #expect(values["empty"] == "")
        #expect(values["db_table"] == "list#1")
        #expect(values["ZULIP_STREAM"] == "ops")
        #expect(values.count == 9)
    }

    @Test("a byte order mark and CRLF line ends, as Windows editors write, are read as the plain file")
    func windowsEditor() throws {
        let dotenv = try DotEnv(parsing: "\u{FEFF}db_host=db.example.test\r\n# c\r\ndb_password='s e'\r\nzulip_topic=\"t\"\r\n")
        #expect(dotenv.entries.map(\.name) == ["db_host", "db_password", "zulip_topic"])
        #expect(dotenv.values == ["db_host": "db.example.test", "db_password": "s e", "zulip_topic": "t"])
        #expect(dotenv.entries.map(\.line) == [1, 3, 4])
    }

    @Test("a line that is not a setting is an error naming its line number")
    func badLine() {
        #expect(throws: ConfigurationError.envFileLine(path: ".env", line: 3, .notAssignment)) {
            try DotEnv(parsing: "a=1\n# ok\nthis is not a setting\n")
        }
        #expect(throws: ConfigurationError.envFileLine(path: ".env", line: 1, .noClosingQuote("\""))) {
            try DotEnv(parsing: "a=\"open\n")
        }
        #expect(throws: ConfigurationError.envFileLine(path: ".env", line: 1, .notVariableName("1abc"))) {
            try DotEnv(parsing: "1abc=2")
        }
        #expect(throws: ConfigurationError.envFileLine(path: ".env", line: 2, .textAfterClosingQuote)) {
            try DotEnv(parsing: "a=1\nb='x' y\n")
        }
        // The words are made once, from the case.
        #expect(ConfigurationError.envFileLine(path: ".env", line: 1, .noClosingQuote("'")).description
                == ".env line 1: the value has no closing '")
    }

    @Test("a value from the process environment wrapped in matching quotes is unwrapped")
    func dockerQuotes() {
        let sources = ConfigurationSources(environment: ["db_password": "'secret'", "zulip_topic": "\"a b\"", "x": "'odd\""])
        #expect(sources.value("db_password") == "secret")
        #expect(sources.value("zulip_topic") == "a b")
        #expect(sources.value("x") == "'odd\"")
    }

    @Test("flags win over the environment, which wins over the file; upper case is accepted")
    func precedence() {
        let sources = ConfigurationSources(
            flags: ["expected_backups": "/flag"],
            environment: ["EXPECTED_BACKUPS": "/env", "DB_HOST": "env-host"],
            file: ["expected_backups": "/file", "db_host": "file-host", "DATABASE": "backups"])
        #expect(sources.value("expected_backups") == "/flag")
        #expect(sources.value("db_host") == "env-host")
        #expect(sources.value("database") == "backups")
        #expect(sources.value("db_port") == nil)
    }

    @Test("only a regular file is read: a FIFO is refused at once instead of blocking forever")
    func fifo() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/fifo.env"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: ConfigurationError.file(purpose: "the env file", path: path, .notRegularFile(.fifo))) {
            try EnvFile.load(path: path)
        }
        #expect(throws: ConfigurationError.file(purpose: "the env file", path: directory.path, .notRegularFile(.directory))) {
            try EnvFile.load(path: directory.path)
        }
    }

    @Test("an env file that others may read loads, with a warning as ssh gives; one only its owner reads, without")
    func permissions() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("settings.env", "db_password=x\n")
        #expect(try EnvFile.load(path: path).permissionWarning == nil)
        #expect(chmod(path, 0o644) == 0)
        let loaded = try EnvFile.load(path: path)
        #expect(loaded.values["db_password"] == "x")
        #expect(loaded.permissionWarning == "\(path) holds secrets but is readable by every user (mode 644); run: chmod 600 \(path)")
        #expect(chmod(path, 0o640) == 0)
        #expect(try EnvFile.load(path: path).permissionWarning?.contains("readable by its group") == true)
    }
}
