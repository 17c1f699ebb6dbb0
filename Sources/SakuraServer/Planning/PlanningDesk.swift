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
    private let builder: SnapshotBuilder

    /// Opens a writer connection to the database at `storePath`, and a reader for snapshot rebuilds.
    /// Call from a thread at the server's normal priority: the snapshot builder's thread inherits it.
    public init(storePath: String, catalog: CityCatalog, log: ServerLog = ServerLog()) throws {
        self.service = Mutex(PlanService(store: try SakuraStore(path: storePath)))
        self.catalog = catalog
        self.log = log
        self.builder = SnapshotBuilder(store: try SakuraStore(path: storePath))
    }

    /// Swaps the city's lookup snapshot after a committed publish, rollback or withdrawal.
    ///
    /// Returns false, after logging the error, when the rebuild fails: the change is committed
    /// either way, and the server keeps answering from the previous plans until it restarts.
    ///
    /// The rebuild and swap run on the snapshot builder's thread at normal priority, so a swap is
    /// not starved by the lookups it serves; freeing the replaced entries and preparing the new
    /// map-layer simplifiers follow on the calling worker thread, at the workers' lower priority.
    func reloadPlans(cityID: String, requestID: String) -> Bool {
        let catalog = self.catalog
        let builder = self.builder
        let result = builder.thread.run { () -> Result<SwappedPlans?, Error> in
            Result { try builder.withStore { store in try catalog.swapPlans(cityID: cityID, store: store) } }
        }
        switch result {
        case .success(let swapped):
            swapped?.finish()
            return true
        case .failure(let error):
            log.event("error", "plan snapshot rebuild failed", ["request_id": requestID, "city": cityID, "error": String(describing: error)])
            return false
        }
    }

    /// Runs `body` with the service; planner requests run one after another.
    func run<Result: Sendable>(_ body: (PlanService) throws -> Result) throws -> Result {
        try service.withLock { service in try body(service) }
    }
}

