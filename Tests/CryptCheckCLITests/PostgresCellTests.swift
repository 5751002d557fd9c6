import Foundation
import Testing

@testable import CryptCheckStore

/// A PostgreSQL result cell is read by its column's type: a value of another type is an error
/// that names the column, never a value taken by guess (a `t` of a text column is no boolean).
@Suite("PostgreSQL cells")
struct PostgresCellTests {
    typealias Cell = PostgresSession.Cell

    @Test func eachDecodingTakesItsOwnColumnTypes() throws {
        #expect(try Cell(column: "n", text: "42", type: 20).decode(Int.self) == 42)
        #expect(try Cell(column: "n", text: "7", type: 23).decode(Int64.self) == 7)
        #expect(try Cell(column: "b", text: "t", type: 16).decode(Bool.self))
        #expect(try Cell(column: "d", text: "\\x00ff", type: 17).decode(Data.self) == Data([0, 255]))
        #expect(try Cell(column: "s", text: "t", type: 25).decode(String.self) == "t")
    }

    @Test(arguments: [
        (Cell(column: "b", text: "t", type: 25), "boolean"), (Cell(column: "n", text: "42", type: 25), "integer"),
        (Cell(column: "n", text: "1.5", type: 701), "integer"), (Cell(column: "d", text: "\\x00", type: 25), "bytea"),
    ])
    func aColumnOfAnotherTypeIsAnError(cell: Cell, expected: String) {
        let error = #expect(throws: PostgresSession.Failure.self) {
            switch expected {
            case "boolean": _ = try cell.decode(Bool.self)
            case "integer": _ = try cell.decode(Int.self)
            default: _ = try cell.decode(Data.self)
            }
        }
        #expect("\(String(describing: error))".contains(cell.column))
    }
}
