import Gazetteer
import Geometry

/// Turns the claims of an address list into catchments made of building cells, and reports
/// conflicts, unclaimed houses and claimed houses outside the boundary.
struct CatchmentAssembler {
    let gazetteer: GazetteerIndex
    /// The city boundary, valid, longitude/latitude.
    let boundary: NativeGeometry
    let context: GEOSContext

    func assemble(_ claims: ClaimTable, report: inout AddressListReport) throws(GeometryError) -> [BuiltCatchment] {
        let houses = (0..<gazetteer.addressCount).map(gazetteer.house(at:))

        // Every building of the city is a site, claimed or not, so unclaimed houses keep their
        // own cells and show as gaps. Addresses that share a building share its site.
        var siteIndex: [Position: Int] = [:]
        var sites: [Position] = []
        var addressesAtSite: [[Int]] = []
        for house in houses {
            for point in house.points {
                if let site = siteIndex[point] {
                    if addressesAtSite[site].last != house.index {
                        addressesAtSite[site].append(house.index)
                    }
                } else {
                    siteIndex[point] = sites.count
                    sites.append(point)
                    addressesAtSite.append([house.index])
                }
            }
        }

        guard let extent = try boundary.toGeometry().envelope else {
            return []
        }
        let cells = try BuildingCells(sites: sites, extent: extent, context: context)

        var catchments: [BuiltCatchment] = []
        for language in claims.languages {
            let owners = claims.owners(language: language)
            report.conflicts += conflicts(in: claims, language: language, houses: houses)
            let unclaimed = houses.filter { owners[$0.index] == nil }
            report.unclaimed.append(UnclaimedHouses(language: language, houses: unclaimed))

            // Each site goes to the owner of its first claimed address.
            var sitesBySchool: [String: [Int]] = [:]
            for site in sites.indices {
                let claimed = addressesAtSite[site].compactMap { address in owners[address].map { (address: address, school: $0) } }
                guard let first = claimed.first else {
                    continue
                }
                sitesBySchool[first.school, default: []].append(site)
                if claimed.contains(where: { $0.school != first.school }) {
                    report.sharedBuildings.append(SharedBuilding(
                        location: sites[site], language: language,
                        claims: claimed.map { SharedBuilding.Claim(house: houses[$0.address], schoolID: $0.school) },
                        keptBy: first.school))
                }
            }

            var housesBySchool: [String: [Int]] = [:]
            for (address, school) in owners {
                housesBySchool[school, default: []].append(address)
            }
            for school in sitesBySchool.keys.sorted() {
                let united = try cells.union(ofSites: sitesBySchool[school] ?? [])
                let polygons = try united.intersection(boundary).polygonalParts().map(RingOrientation.oriented)
                guard !polygons.isEmpty else {
                    continue
                }
                catchments.append(BuiltCatchment(schoolID: school, language: language, polygons: polygons,
                                                 houses: (housesBySchool[school] ?? []).sorted()))
            }
        }

        report.outsideBoundary = try claimedOutsideBoundary(claims, houses: houses)
        return catchments
    }

    /// Houses claimed by two or more schools of the language, in address order.
    private func conflicts(in claims: ClaimTable, language: String?, houses: [GazetteerHouse]) -> [HouseConflict] {
        var result: [HouseConflict] = []
        for (address, list) in (claims.claims[language] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let first = list.first, list.contains(where: { $0.schoolID != first.schoolID }) else {
                continue
            }
            result.append(HouseConflict(house: houses[address], language: language, claims: list, keptBy: first.schoolID))
        }
        return result
    }

    /// Claimed houses, in any language, whose buildings all lie outside the boundary.
    private func claimedOutsideBoundary(_ claims: ClaimTable, houses: [GazetteerHouse]) throws(GeometryError) -> [GazetteerHouse] {
        var claimed = Set<Int>()
        for language in claims.languages {
            claimed.formUnion(claims.claims[language]?.keys ?? [:].keys)
        }
        let prepared = try PreparedPolygon(boundary)
        var result: [GazetteerHouse] = []
        for address in claimed.sorted() {
            var inside = false
            for point in houses[address].points where !inside {
                inside = try context.withPoint(point) { probe throws(GeometryError) in try prepared.covers(probe) }
            }
            if !inside {
                result.append(houses[address])
            }
        }
        return result
    }
}
