import Glibc
import MySQLWire
import Notify
import Transport

/// `backup-checker doctor`: reads the settings and the list, tries the database, Zulip, the
/// heartbeat and the metrics' destinations without posting or pinging anything that would
/// count as a run, and says what it found or, for each failure, what to change.
public struct Doctor {
    public var sources: ConfigurationSources
    public var day: CalendarDay?
    public var zones: ZoneLocator
    public var systemCAFile: String?
    package var program: Program?

    package init(sources: ConfigurationSources, day: CalendarDay? = nil, zones: ZoneLocator = ZoneLocator(),
                systemCAFile: String? = nil, program: Program? = nil) {
        self.program = program
        self.sources = sources
        self.day = day
        self.zones = zones
        self.systemCAFile = systemCAFile
    }

    package func run(now: Int64, output write: (String) -> Void) -> ExitStatus {
        // A server's or a service's answer may hold control characters: every line as data.
        func output(_ line: String) { write(DataText.escaped(line)) }
        let settings: Settings
        do {
            settings = try Settings(sources: sources, requireZulip: false, zones: zones, systemCAFile: systemCAFile, program: program)
        } catch {
            output("configuration: \(error)")
            output("  fix: set the variables named above (see backup-checker --help)")
            return .usage
        }
        checkNames(output: output)
        let day = self.day ?? settings.check.zone.day(at: now)
        var status = ExitStatus.ok
        if !checkList(settings.check, day: day, output: output) { status = .usage }
        if !checkDatabase(settings, day: day, zone: settings.check.zone.name, output: output) {
            status = max(status, .database)
        }
        if let zulip = settings.zulip {
            if !checkZulip(zulip, output: output) { status = max(status, .delivery) }
        } else if let error = settings.zulipIncomplete {
            output("zulip: \(error)")
            output("  fix: set zulip_organization (or zulip_site), zulip_bot_name (or zulip_email), zulip_bot_api_key, zulip_stream and zulip_topic")
            status = max(status, .usage)
        } else {
            output("zulip: not set up; the report goes to notify_urls only")
        }
        if !checkMonitoring(settings, output: output) { status = max(status, .delivery) }
        if !checkDestinations(settings, output: output) { status = max(status, .delivery) }
        output("result: " + (status == .ok ? "ok" : "problems found"))
        return status
    }

    /// Names in the .env file that are no setting of this tool (a typo leaves its setting at
    /// the default, silently), each with the nearest setting's name. A note, not a failure:
    /// the same file may carry variables for the container (TZ, say).
    private func checkNames(output: (String) -> Void) {
        let names = Setting.all.map(\.name)
        for name in sources.file.keys.sorted() where Setting.named(name) == nil {
            let suggestion = Spelling.nearest(name, among: names).map { " (did you mean \($0)?)" } ?? ""
            output("settings: note: \(name.prefix(60)) in the .env file is not a setting of backup-checker\(suggestion)")
        }
    }

    /// How the list was read: its targets, how many are due on the day, each schedule.
    private func checkList(_ check: CheckSettings, day: CalendarDay?, output: (String) -> Void) -> Bool {
        let list: ExpectedList
        do {
            list = try ExpectedList(path: check.expectedPath)
        } catch {
            output("expected list: \(error)")
            output("  fix: see the expected list's format in expected-backups or README.md")
            return false
        }
        let due = day.map { day in list.entries.filter { $0.schedule.isDue(on: day) }.count }
        let weekday = day.map { Schedule.dayNames[$0.weekday - 1] }
        output("expected list: \(check.expectedPath): \(list.entries.count) target(s)"
               + (due.map { ", \($0) due on \(day?.description ?? "?") (\(weekday ?? "?"))" } ?? ""))
        let width = list.entries.map(\.target.count).max() ?? 0
        for entry in list.entries {
            let padding = String(repeating: " ", count: max(0, width - entry.target.count))
            let dueMark = day.map { entry.schedule.isDue(on: $0) ? "  (due)" : "" } ?? ""
            output("  \(entry.target)\(padding)  \(entry.schedule)\(dueMark)")
        }
        if let warning = list.duplicateWarning { output("  note: \(warning)") }
        do throws(ConfigurationError) {
            try list.requireHistory(days: check.historyDays)
        } catch {
            output("  fix: \(error)")
            return false
        }
        return true
    }

    private func checkDatabase(_ all: Settings, day: CalendarDay?, zone: String, output: (String) -> Void) -> Bool {
        let settings = all.database
        let connection: Connection
        do {
            connection = try Connection(options: all.connectionOptions())
        } catch {
            output("database: cannot connect to \(settings.endpoint) as \(settings.username): \(error)")
            output("  fix: \(Hints.hint(for: error))")
            return false
        }
        defer { connection.close() }
        output("database: connected to \(connection.serverVersion) at \(settings.endpoint) as \(settings.username)")
        output("  auth plugin: \(connection.authPlugin)")
        if let tls = connection.tls {
            output("  TLS: \(tls.version) \(tls.cipher) (certificate: \(tls.certificateCheck))")
        } else {
            output("  TLS: not encrypted" + (settings.endpoint.isUnixSocket ? " (unix socket)" : ""))
        }
        do throws(MySQLError) {
            let columns = try connection.query("SHOW COLUMNS FROM \(settings.table.quoted)").rows.map { row in
                (name: ((try? row.string(0)) ?? nil) ?? "?", type: ((try? row.string(1)) ?? nil) ?? "?")
            }
            output("  table \(settings.table.quoted): \(columns.map { "\($0.name) \($0.type)" }.joined(separator: ", "))")
            let names = Set(columns.map(\.name))
            let missing = ["date", "target", "status", "start_time", "end_time"].filter { !names.contains($0) }
            if !missing.isEmpty {
                output("  fix: \(Hints.hint(for: DatabaseError.missingColumn(table: settings.table.name, column: missing.joined(separator: ", "))))")
                return false
            }
            if let day {
                let result = try connection.query(BackupQueries.rows(table: settings.table, on: day))
                output("  rows for \(day) (\(zone)): \(result.rows.count)")
            }
        } catch {
            output("  table \(settings.table.quoted): \(error)")
            output("  fix: \(Hints.hint(for: error))")
            return false
        }
        return true
    }

    private func checkZulip(_ destination: ZulipDestination, output: (String) -> Void) -> Bool {
        let client = ZulipClient(destination: destination, retry: RetryPolicy(delays: []), userAgent: program?.userAgent)
        do {
            let bot = try client.me()
            output("zulip: \(destination.site.shown) as \(destination.email)")
            output("  bot: \(bot.fullName) <\(bot.email)>; messages go to \(destination.channel) > \(destination.topic)")
        } catch {
            output("zulip: \(destination.site.shown) as \(destination.email): \(error)")
            output("  fix: \(Hints.hint(for: error, service: .zulip))")
            return false
        }
        return checkChannel(destination.channel, of: client, setting: "zulip_stream", output: output)
    }

    /// Whether the bot may post to `channel`, learnt with GET requests only; `setting` is where
    /// the channel was named, for the fix.
    private func checkChannel(_ channel: String, of client: ZulipClient, setting: String, output: (String) -> Void) -> Bool {
        let access: ZulipChannelAccess
        do throws(DeliveryError) {
            access = try client.channelAccess()
        } catch {
            output("  channel \(channel): \(error)")
            output("  fix: \(Hints.hint(for: error, service: .zulip))")
            return false
        }
        switch access {
        case let .mayPost(id, inviteOnly):
            output("  channel \(channel) (#\(id)\(inviteOnly ? ", private" : "")) exists and the bot may post there "
                   + "(checked with GET requests only: nothing posted, nothing left on the server)")
            return true
        case let .missing(said):
            output("  channel \(channel): Zulip does not show the bot such a channel (\(said.prefix(200)))")
            output("  fix: \(setting) must name an existing channel, as Zulip spells it; for a private one, subscribe the bot")
        case .notSubscribed:
            output("  channel \(channel) is private and the bot is not subscribed to it")
            output("  fix: subscribe the bot to \(channel) in Zulip (channel settings > Subscribers), or use another channel")
        case let .notAllowed(_, who):
            output("  channel \(channel) lets only \(who) post, and the bot is not one of them")
            output("  fix: allow the bot to post in \(channel)'s settings (who can post), or use another channel")
        }
        return false
    }

    /// Each notify_urls destination, as its service allows without posting.
    private func checkDestinations(_ settings: Settings, output: (String) -> Void) -> Bool {
        var fine = true
        for (index, destination) in settings.destinations(retry: RetryPolicy(delays: [])).enumerated() {
            let name = "notify_urls entry \(index + 1): \(destination.name)"
            do throws(DeliveryError) {
                output("\(name): \(try destination.check())")
                // A zulip:// entry's channel is checked as zulip_stream's is.
                if let zulip = destination as? ZulipURLClient,
                   !checkChannel(zulip.url.stream, of: zulip.client, setting: "the zulip:// URL's stream", output: output) {
                    fine = false
                }
            } catch {
                output("\(name): \(error)")
                output("  fix: \(Hints.hint(for: error, service: .destination))")
                fine = false
            }
        }
        return fine
    }

    /// The heartbeat (a connection only: a ping would count as a run), the Pushgateway
    /// (`/-/ready`) and the metrics file's folder.
    private func checkMonitoring(_ settings: Settings, output: (String) -> Void) -> Bool {
        var fine = true
        let once = RetryPolicy(delays: [])
        /// Prints what `probe` found, or its error and the hint for it.
        func check(_ name: String, _ service: Hints.Service, _ probe: () throws(DeliveryError) -> String) {
            do throws(DeliveryError) {
                output("\(name): \(try probe())")
            } catch {
                output("\(name): \(error)")
                output("  fix: \(Hints.hint(for: error, service: service))")
                fine = false
            }
        }
        if let client = settings.heartbeatClient(runID: RunID.random(), retry: once) {
            check("heartbeat", .heartbeat) { () throws(DeliveryError) in
                try client.probe()
                return "\(client.url.site.origin)/… (\(client.url.monitor.rawValue)) reachable; "
                    + "checked by connecting only: no ping was sent, since a ping would count as a run"
            }
        }
        if let client = settings.pushgatewayClient(retry: once) {
            check("pushgateway", .pushgateway) { () throws(DeliveryError) in
                try client.ready()
                return "\(client.url.shown) ready" + (client.credentials == nil ? "" : " (basic auth)") + "; metrics go to \(client.groupPath)"
            }
        }
        if let path = settings.metrics.file {
            let parent = LocalFile.split(path).folder
            let folder = parent.isEmpty ? "." : parent
            if access(folder, W_OK) == 0 {
                output("metrics file: \(path) (its folder is writable)")
            } else {
                output("metrics file: \(path): cannot write in \(folder): \(errnoText(errno))")
                output("  fix: metrics_file must be in a folder this user may write (node_exporter's textfile directory)")
                fine = false
            }
        }
        return fine
    }
}
