import AssayCore

/// The coordinators' directories, as they keep them in spreadsheets (the layout of
/// `../shared/assignment/`): regions, institutions, experts, expert groups and declared
/// conflicts, each a CSV file, checked together before anything is recorded.
public struct Directory: Sendable {
    /// The five files' texts, as imported: what a snapshot stores and its hash covers.
    public struct Files: Sendable, Equatable, Codable {
        public var regions: String
        public var institutions: String
        public var experts: String
        public var groups: String
        public var conflicts: String

        public init(regions: String, institutions: String, experts: String, groups: String, conflicts: String) {
            self.regions = regions
            self.institutions = institutions
            self.experts = experts
            self.groups = groups
            self.conflicts = conflicts
        }

        /// The five files' names in a directory folder, in the order of the properties.
        public static let names = ["regions.csv", "institutions.csv", "experts.csv", "groups.csv", "conflicts.csv"]
    }

    /// A problem at a file, row and column.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var row: Int
        public var column: String
        public var message: String

        public var description: String { "\(file): row \(row), column \(column): \(message)" }
    }

    /// A province, city or county (GB/T 2260 code, or a local code for a zone without one).
    public struct Region: Sendable, Equatable {
        public var level: String
        public var parent: String
    }

    /// A reviewer: pseudonymous id, home county and institution (empty for hospitals and
    /// agencies), level, specialties and the most teams they sit on in a period.
    public struct Expert: Sendable, Equatable {
        public var id: String
        public var homeCounty: String
        public var homeInstitution: String
        public var level: String
        public var specialties: [String]
        public var capacity: Int
    }

    /// An expert group: its level, the counties it covers, its members.
    public struct Group: Sendable, Equatable {
        public var id: String
        public var level: String
        public var covers: [String]
        public var members: [String]
    }

    public var files: Files
    public var regions: [String: Region] = [:]
    public var institutions: [(id: String, county: String)] = []
    /// Institutions' names and types (`township-health-centre`…), where institutions.csv has
    /// the optional columns `name` and `type`.
    public var names: [String: String] = [:]
    public var types: [String: InstitutionType] = [:]
    public var experts: [Expert] = []
    public var groups: [Group] = []
    /// Declared conflicts of interest: the expert never sits on the institution's team.
    public var conflicts: [(expert: String, institution: String)] = []

    /// Every institution listed with a name, by id, as `institution(_:)` gives each: one pass,
    /// for opening many cases.
    public func listedInstitutions() -> [String: Institution] {
        var seen = Set<String>(), found: [String: Institution] = [:]
        for (id, county) in institutions where seen.insert(id).inserted {
            found[id] = listed(id, county: county)
        }
        return found
    }

    /// The institution `id` as a case is opened for, when the directory lists it with a name:
    /// its name, county and type (the one given, or the one its name states).
    public func institution(_ id: String) -> Institution? {
        institutions.first { $0.id == id }.flatMap { listed($0.id, county: $0.county) }
    }

    /// The institution of a row of institutions.csv, when it has a name and its county is a code.
    private func listed(_ id: String, county: String) -> Institution? {
        guard let name = names[id], let region = RegionCode(county) else { return nil }
        return Institution(id: id, name: name, region: region, type: types[id] ?? InstitutionType(name: name))
    }

    /// The city a county belongs to (the county itself when it has no parent in the file).
    public func city(of county: String) -> String {
        regions[county]?.parent ?? county
    }

    static let levels = ["province", "city", "county"]
    /// The levels an expert group is formed at.
    static let groupLevels = ["city", "province"]
    static let specialties = ["clinical", "nursing", "infection-control", "public-health", "tcm", "management"]

    /// The directory the files describe, or every problem in them.
    public static func read(_ files: Files) -> (directory: Directory?, problems: [Problem]) {
        var directory = Directory(files: files)
        var problems: [Problem] = []
        func rows(_ name: String, _ text: String, _ columns: [String]) -> [(row: Int, fields: [String: String])] {
            guard let table = CSVTable.rows(text), let header = table.first else {
                problems.append(Problem(file: name, row: 1, column: "-", message: "is not CSV with a header row"))
                return []
            }
            let missing = columns.filter { !header.contains($0) }
            guard missing.isEmpty else {
                problems.append(Problem(file: name, row: 1, column: missing.joined(separator: ", "), message: "missing from the header"))
                return []
            }
            return table.dropFirst().enumerated().map { offset, values in
                var fields: [String: String] = [:]
                for (position, column) in header.enumerated() { fields[column] = position < values.count ? values[position] : "" }
                return (offset + 2, fields)
            }
        }
        func problem(_ file: String, _ row: Int, _ column: String, _ message: String) {
            problems.append(Problem(file: file, row: row, column: column, message: message))
        }
        let regionRows = rows("regions.csv", files.regions, ["code", "level", "name", "parent_code"])
        for (row, fields) in regionRows {
            let code = fields["code"]!, level = fields["level"]!
            guard RegionCode(code) != nil else { problem("regions.csv", row, "code", "'\(code)' is not a region code"); continue }
            guard levels.contains(level) else { problem("regions.csv", row, "level", "is province, city or county, not '\(level)'"); continue }
            if directory.regions[code] != nil { problem("regions.csv", row, "code", "\(code) is listed twice") }
            directory.regions[code] = Region(level: level, parent: fields["parent_code"]!)
        }
        for (row, fields) in regionRows {
            let code = fields["code"]!, parent = fields["parent_code"]!
            guard let region = directory.regions[code] else { continue }
            let expected = region.level == "province" ? nil : levels[levels.firstIndex(of: region.level)! - 1]
            if let expected {
                if directory.regions[parent]?.level != expected { problem("regions.csv", row, "parent_code", "a \(region.level)'s parent is a \(expected) of this file, not '\(parent)'") }
            } else if !parent.isEmpty {
                problem("regions.csv", row, "parent_code", "a province has no parent")
            }
        }
        let county = { (code: String) in directory.regions[code]?.level == "county" }
        var institutionIDs: Set<String> = []
        for (row, fields) in rows("institutions.csv", files.institutions, ["institution_id", "county_code"]) {
            let id = fields["institution_id"]!, code = fields["county_code"]!
            if id.isEmpty { problem("institutions.csv", row, "institution_id", "is empty"); continue }
            if !institutionIDs.insert(id).inserted { problem("institutions.csv", row, "institution_id", "\(id) is listed twice") }
            if !county(code) { problem("institutions.csv", row, "county_code", "'\(code)' is not a county of regions.csv"); continue }
            directory.institutions.append((id, code))
            if let name = fields["name"], !name.isEmpty { directory.names[id] = name }
            if let text = fields["type"], !text.isEmpty {
                guard let type = InstitutionType(rawValue: text) else {
                    problem("institutions.csv", row, "type", "is \(InstitutionType.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
                    continue
                }
                directory.types[id] = type
            }
        }
        var expertIDs: Set<String> = []
        for (row, fields) in rows("experts.csv", files.experts, ["expert_id", "home_county", "home_institution", "level", "specialties", "capacity"]) {
            let id = fields["expert_id"]!
            if id.isEmpty { problem("experts.csv", row, "expert_id", "is empty"); continue }
            if !expertIDs.insert(id).inserted { problem("experts.csv", row, "expert_id", "\(id) is listed twice") }
            if !county(fields["home_county"]!) { problem("experts.csv", row, "home_county", "'\(fields["home_county"]!)' is not a county of regions.csv") }
            let home = fields["home_institution"]!
            if !home.isEmpty, !institutionIDs.contains(home) { problem("experts.csv", row, "home_institution", "'\(home)' is not an institution of institutions.csv") }
            if !levels.contains(fields["level"]!) { problem("experts.csv", row, "level", "is province, city or county, not '\(fields["level"]!)'") }
            let expertSpecialties = fields["specialties"]!.split(separator: ";").map(String.init)
            for specialty in expertSpecialties where !specialties.contains(specialty) {
                problem("experts.csv", row, "specialties", "'\(specialty)' is not a specialty; specialties: \(specialties.joined(separator: ", "))")
            }
            let capacity = Int(fields["capacity"]!) ?? -1
            if capacity < 0 { problem("experts.csv", row, "capacity", "is a whole number of teams, not '\(fields["capacity"]!)'") }
            directory.experts.append(Expert(id: id, homeCounty: fields["home_county"]!, homeInstitution: home, level: fields["level"]!,
                                            specialties: expertSpecialties, capacity: capacity))
        }
        for (row, fields) in rows("groups.csv", files.groups, ["group_id", "level", "covers", "members"]) {
            let group = Group(id: fields["group_id"]!, level: fields["level"]!, covers: fields["covers"]!.split(separator: ";").map(String.init),
                              members: fields["members"]!.split(separator: ";").map(String.init))
            if !groupLevels.contains(group.level) { problem("groups.csv", row, "level", "is city or province, not '\(group.level)'") }
            for code in group.covers where !county(code) {
                problem("groups.csv", row, "covers", "'\(code)' is not a county of regions.csv")
            }
            for member in group.members where !expertIDs.contains(member) {
                problem("groups.csv", row, "members", "'\(member)' is not an expert of experts.csv")
            }
            directory.groups.append(group)
        }
        for (row, fields) in rows("conflicts.csv", files.conflicts, ["expert_id", "institution_id"]) {
            if !expertIDs.contains(fields["expert_id"]!) { problem("conflicts.csv", row, "expert_id", "'\(fields["expert_id"]!)' is not an expert of experts.csv") }
            if !institutionIDs.contains(fields["institution_id"]!) { problem("conflicts.csv", row, "institution_id", "'\(fields["institution_id"]!)' is not an institution of institutions.csv") }
            directory.conflicts.append((fields["expert_id"]!, fields["institution_id"]!))
        }
        return problems.isEmpty ? (directory, []) : (nil, problems)
    }

    /// The data-file kind snapshots are stored as.
    static let kind = "directory"

    /// The snapshot of `files` the log stores (`assay directory import` records one).
    public static func snapshot(of files: Files, named name: String) throws -> StoredDataFile {
        StoredDataFile(plugin: Coordinators.name, kind: kind, file: name, content: try RecordValue(encoding: files))
    }
}
