// Role: placeholder until the module's tests land.
import XCTest
