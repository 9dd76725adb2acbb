// Role: tests PathName's split of a path into folder and name against hand-written cases (one-character names,
// trailing and repeated slashes, the root), and that folder + "/" + name gives the path back.
import EmbedStreams
import XCTest

final class PathNameTests: XCTestCase {
    func testSplits() {
        let cases: [(path: String, folder: String, name: String)] = [
            ("m", "", "m"), ("ab", "", "ab"), ("a/b", "a", "b"), ("a/b/", "a", "b"), ("/a", "/", "a"),
            ("/", "/", "/"), ("", "", ""), ("x/", "", "x"), ("dir/x", "dir", "x"), ("a//b", "a", "b"),
            ("/tmp/out.txt.zst", "/tmp", "out.txt.zst"), ("./v", ".", "v"), ("../v", "..", "v"),
        ]
        for c in cases {
            XCTAssertEqual(PathName.folder(c.path), c.folder, "folder of \(c.path)")
            XCTAssertEqual(PathName.name(c.path), c.name, "name of \(c.path)")
        }
    }

    func testFolderAndNameRebuildThePath() {
        for path in ["a/b", "/a", "dir/sub/file.txt", "./v", "/x/y/z"] {
            let folder = PathName.folder(path)
            XCTAssertEqual(folder == "/" ? "/" + PathName.name(path) : folder + "/" + PathName.name(path), path)
        }
    }
}
