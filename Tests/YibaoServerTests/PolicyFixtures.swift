/// Small policy documents for the HTTP tests (metadata only: the container is what is tested here).
enum PolicyFixtures {
    static func valid(id: String, effectiveFrom: String, title: String = "测试政策") -> String {
        """
        id: \(id)
        region: "350200"
        insutype: "310"
        effective_from: \(effectiveFrom)
        title: \(title)
        """
    }
}
