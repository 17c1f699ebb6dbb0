import Foundation
import SakuraCore
import Store
import Synchronization

/// The shared state of the planner endpoints: one `PlanService` on the database's writer
/// connection, used by one request at a time, and the catalog whose plans it swaps after a publish.
public final class PlanningDesk: Sendable {
    private let service: Mutex<PlanService>
    let catalog: CityCatalog

    /// Opens a writer connection to the database at `storePath`.
    public init(storePath: String, catalog: CityCatalog) throws {
        self.service = Mutex(PlanService(store: try SakuraStore(path: storePath)))
        self.catalog = catalog
    }

    /// Runs `body` with the service; planner requests run one after another.
    func run<Result: Sendable>(_ body: (PlanService) throws -> Result) throws -> Result {
        try service.withLock { service in try body(service) }
    }
}
