import Testing
@testable import Checker

@Suite("The expected list")
struct ExpectedListTests {
    @Test("comments, blank lines and surrounding space are ignored; duplicates count once")
    func parse() {
        let list = ExpectedList(parsing: """
            # daily backups
            mail.example.test
              web.example.test\t

            #old.example.test
            mail.example.test
            db.example.test\r
            """)
        #expect(list.targets == ["mail.example.test", "web.example.test", "db.example.test"])
        #expect(list.duplicates == ["mail.example.test"])
    }

    @Test("an empty file expects nothing")
    func empty() {
        #expect(ExpectedList(parsing: "\n\n# nothing\n").targets.isEmpty)
    }
}
