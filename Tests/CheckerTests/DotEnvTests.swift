import Testing
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

    @Test("a line that is not a setting is an error naming its line number")
    func badLine() {
        #expect(throws: CheckerError.configuration(".env line 3: expected NAME=value")) {
            try DotEnv(parsing: "a=1\n# ok\nthis is not a setting\n")
        }
        #expect(throws: CheckerError.configuration(".env line 1: the value has no closing \"")) {
            try DotEnv(parsing: "a=\"open\n")
        }
        #expect(throws: CheckerError.self) { try DotEnv(parsing: "1abc=2") }
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
}
