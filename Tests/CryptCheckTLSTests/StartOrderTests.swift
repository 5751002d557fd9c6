import Testing

@testable import CryptCheckTLS

/// Endpoints start round robin over their hosts, each host's in the order given: a list that
/// gives one host's ports together, or its slowest hosts last, does not leave them to start
/// together or last.
@Suite("Endpoint start order")
struct StartOrderTests {
    func scanners(_ targets: [(String, Int)]) -> [TLSScanner] {
        let limits = ConnectionLimits()
        return targets.map { TLSScanner(host: $0.0, port: $0.1, limits: limits) }
    }

    @Test func hostsTakeTurnsEachInTheOrderGiven() {
        let order = TLSScanner.startOrder(
            scanners([("a.test", 1), ("a.test", 2), ("a.test", 3), ("b.test", 1), ("B.TEST", 2), ("c.test", 1)]))
        #expect(order == [0, 3, 5, 1, 4, 2])
    }

    @Test func anAddressToConnectToIsTheHost() {
        // `name:port{address}`: several names on one address share its connections.
        var list = scanners([("one.test", 1), ("two.test", 1), ("three.test", 1), ("four.test", 1)])
        list[0].connectHost = "127.0.1.2"
        list[1].connectHost = "127.0.1.2"
        list[2].connectHost = "127.0.1.3"
        #expect(TLSScanner.startOrder(list) == [0, 2, 3, 1])
    }

    @Test func everyEndpointStartsOnceWhateverTheMix() {
        // One host with most of the list beside many with one endpoint each.
        var targets = (0..<500).map { ("big.test", $0) }
        targets += (0..<500).map { ("host\($0).test", 443) }
        targets.shuffle()
        let order = TLSScanner.startOrder(scanners(targets))
        #expect(order.sorted() == Array(targets.indices))
        let big = order.filter { targets[$0].0 == "big.test" }
        #expect(big == big.sorted(), "one host's endpoints keep the order given")
        // The first round holds every host once: 501 hosts, one of them big.test.
        #expect(Set(order.prefix(501).map { targets[$0].0 }).count == 501)
    }

    @Test func anEmptyListStartsNothing() {
        #expect(TLSScanner.startOrder([]).isEmpty)
    }
}
