import Foundation
import HTTPServer
import SakuraCore
import Store
import Synchronization

/// The shared state of the planner endpoints: one `PlanService` on the database's writer
/// connection, used by one request at a time, and the catalog whose plans it swaps after a publish.
public final class PlanningDesk: Sendable {
    private let service: Mutex<PlanService>
    let catalog: CityCatalog
    let log: ServerLog

    /// Opens a writer connection to the database at `storePath`.
    public init(storePath: String, catalog: CityCatalog, log: ServerLog = ServerLog()) throws {
        self.service = Mutex(PlanService(store: try SakuraStore(path: storePath)))
        self.catalog = catalog
        self.log = log
    }

    /// Swaps the city's lookup snapshot after a committed publish, rollback or withdrawal.
    ///
    /// Returns false, after logging the error, when the rebuild fails: the change is committed
    /// either way, and the server keeps answering from the previous plans until it restarts.
    func reloadPlans(cityID: String, store: SakuraStore, requestID: String) -> Bool {
        do {
            try catalog.reloadPlans(cityID: cityID, store: store)
            return true
        } catch {
            log.event("error", "plan snapshot rebuild failed", ["request_id": requestID, "city": cityID, "error": String(describing: error)])
            return false
        }
    }

    /// Runs `body` with the service; planner requests run one after another.
    func run<Result: Sendable>(_ body: (PlanService) throws -> Result) throws -> Result {
        try service.withLock { service in try body(service) }
    }
}
