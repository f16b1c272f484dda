import Foundation

extension Double {
    /// Natural logarithm (Foundation's `log`), usable from inlinable code.
    @usableFromInline var logValue: Double { Foundation.log(self) }
    /// Cosine (Foundation's `cos`), usable from inlinable code.
    @usableFromInline var cosValue: Double { Foundation.cos(self) }
}
