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
    let logger: Logger
    /// The calls the call bar and the board can act on.
    let liveCalls = LiveCallRegistry()
}
