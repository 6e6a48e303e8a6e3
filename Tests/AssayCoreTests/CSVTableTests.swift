import AssayCore
import Testing

/// The CSV files commissions export (RFC 4180), read as their rows.
@Suite struct CSVTableTests {
    @Test func quotedFieldsKeepTheirCommasQuotesAndLineEnds() throws {
        let rows = try #require(CSVTable.rows("name,note\r\n\"第1号卫生院, 东区\",\"said \"\"yes\"\"\"\n\"two\r\nlines\",、；\n"))
        #expect(rows == [["name", "note"], ["第1号卫生院, 东区", "said \"yes\""], ["two\r\nlines", "、；"]])
    }

    @Test func lineEndsOfEveryKindEndARowAndBlankLinesAreSkipped() throws {
        let rows = try #require(CSVTable.rows("a,b\r\rc,\n\nd"))
        #expect(rows == [["a", "b"], ["c", ""], ["d"]])
    }

    @Test func aQuoteThatNeverClosesIsNotCSV() {
        #expect(CSVTable.rows("a,\"b\nc,d\n") == nil)
    }
}
