// What every call session shares: the stack, the media engine, the ACD, the directory, the
// event bus, the CDR writer and the settings.

import Logging
import Media
import SIPStack

/// The platform's services as a call session sees them.
struct CallPathContext: Sendable {
    let userAgent: SIPUserAgent
    let media: MediaEngine
    let acd: ACDService
    let board: AgentBoard
    let events: EventBus
    let records: CallRecordWriter
    let directory: TenantDirectory
    let counters: CallCounters
    let settings: CallCenterSettings
    let keepAlive: PhoneKeepAlive
    let logger: Logger
    /// The calls the call bar and the board can act on.
    let liveCalls = LiveCallRegistry()
    /// Where recordings go, and their paths as the store keeps them.
    let recordingFolders: RecordingFolders

    init(
        userAgent: SIPUserAgent, media: MediaEngine, acd: ACDService, board: AgentBoard, events: EventBus,
        records: CallRecordWriter, directory: TenantDirectory, counters: CallCounters, settings: CallCenterSettings,
        keepAlive: PhoneKeepAlive, logger: Logger
    ) {
        self.userAgent = userAgent
        self.media = media
        self.acd = acd
        self.board = board
        self.events = events
        self.records = records
        self.directory = directory
        self.counters = counters
        self.settings = settings
        self.keepAlive = keepAlive
        self.logger = logger
        self.recordingFolders = RecordingFolders(dataDirectory: settings.dataDirectory)
    }
}
