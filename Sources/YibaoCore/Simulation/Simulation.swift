import Foundation

/// The policy what-if calculator behind `yibao simulate`: settles a scenario's encounters in order with
/// the same engine as the server, carrying accumulators and account balances from one to the next.
public enum Simulation {
    public enum Format: Sendable { case json, table }

    /// One settled encounter of a scenario and the W it was settled with.
    public struct Result: Sendable, Equatable {
        public var settlement: Settlement
        public var averageWage: Money
    }

    /// The single entry point for the CLI: scenario text in, rendered output out. `readFile` reads a
    /// `policy_file` or `region_file` named by the scenario (the caller decides relative to what).
    public static func simulate(scenarioText: String, format: Format = .json, explain: Bool = false,
                                readFile: (String) throws -> String) throws(DomainError) -> String {
        let scenario = try Scenario.parse(scenarioText)
        let (policy, region) = try resolve(scenario, readFile: readFile)
        let results = try run(scenario, policy: policy, regionParameters: region)
        var out = format == .json ? renderJSON(results) : renderTable(results)
        if explain { out += "\n" + renderExplanation(results) }
        return out
    }

    /// Settles the visits in order. W of each benefit year comes from the scenario's `average_wage`,
    /// else from the region parameters for the year the benefit year starts in.
    public static func run(_ scenario: Scenario, policy: BenefitPolicy,
                           regionParameters: RegionParameters?) throws(DomainError) -> [Result] {
        var person = scenario.person
        var accumulators = scenario.yearToDate
        var results: [Result] = []
        for (i, visit) in scenario.visits.enumerated() {
            let parts = policy.crossYear == .splitAtYearEnd ? visit.encounter.splitAtYearEnd(policy.benefitYear) : [visit.encounter]
            for encounter in parts {
                let year = policy.benefitYear.start(containing: encounter.date).year
                guard let w = scenario.averageWage ?? regionParameters?.averageWage(forYear: year) else {
                    throw DomainError(code: "SCENARIO_WAGE", message: "没有 \(year) 年度的社平工资 W：请给出 average_wage 或 region_file",
                                      messageEn: "no average wage W for \(year): give average_wage or a region_file",
                                      path: "encounters[\(i)].date")
                }
                let settlement: Settlement
                do {
                    settlement = try SettlementEngine.settle(encounter, person: person, policy: policy, accumulators: accumulators,
                                                             averageWage: w, eligibility: visit.eligibility)
                } catch {
                    throw error.at("encounters[\(i)]")
                }
                person.account = settlement.accountAfter
                accumulators = settlement.accumulators
                results.append(Result(settlement: settlement, averageWage: w))
            }
        }
        return results
    }

    static func resolve(_ scenario: Scenario, readFile: (String) throws -> String) throws(DomainError) -> (BenefitPolicy, RegionParameters?) {
        func read(_ path: String, field: String) throws(DomainError) -> String {
            do {
                return try readFile(path)
            } catch {
                throw DomainError(code: "SCENARIO_FILE", message: "无法读取文件 \(path)：\(error)",
                                  messageEn: "cannot read \(path): \(error)", path: field)
            }
        }
        let document: PolicyDocument
        var region: RegionParameters? = nil
        do {
            switch scenario.policy {
            case .preset(let id):
                guard let preset = PolicyPresets.preset(id: id) else {
                    throw DomainError(code: "SCENARIO_PRESET",
                                      message: "未知的预置策略“\(id)”，可用：" + PolicyPresets.ids.joined(separator: ", "),
                                      messageEn: "unknown preset \"\(id)\"; known: " + PolicyPresets.ids.joined(separator: ", "),
                                      path: "policy")
                }
                document = try PolicyPresets.document(preset)
                region = try PolicyPresets.regionParameters(preset)
            case .file(let path):
                document = try PolicyDocument.load(text: try read(path, field: "policy_file"), file: path)
            }
            if let path = scenario.regionFile {
                region = try RegionParameters.load(text: try read(path, field: "region_file"), file: path)
            }
        } catch let error as PolicyLoadError {
            throw error.domainError
        } catch let error as DomainError {
            throw error
        } catch {
            throw DomainError(code: "SCENARIO_POLICY", message: "\(error)", messageEn: "\(error)", path: "policy")
        }
        guard let benefits = document.section(BenefitPolicy.self) else {
            throw DomainError(code: "SCENARIO_NO_BENEFITS", message: "策略文件没有 benefits 节", messageEn: "the policy has no benefits section", path: "policy")
        }
        return (benefits, region)
    }
}
