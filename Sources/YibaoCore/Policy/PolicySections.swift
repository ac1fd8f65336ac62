/// The section types every policy document may contain, each under its own top-level key.
///
/// `PolicyDocument.load` decodes exactly these by default and refuses any other top-level key
/// that is not metadata. A new kind of rules becomes part of the format by adding its type here.
public enum PolicySections {
    public static let all: [any PolicySection.Type] = [BenefitPolicy.self, ContributionPolicy.self]
}
