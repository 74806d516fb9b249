import SystemPackage

/// The bits of an inotify event mask (values from `<sys/inotify.h>`, the Linux ABI).
public struct InotifyMask: OptionSet, Sendable, Hashable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let modify = InotifyMask(rawValue: 0x0000_0002)
    public static let attrib = InotifyMask(rawValue: 0x0000_0004)
    public static let closeWrite = InotifyMask(rawValue: 0x0000_0008)
    public static let movedFrom = InotifyMask(rawValue: 0x0000_0040)
    public static let movedTo = InotifyMask(rawValue: 0x0000_0080)
    public static let create = InotifyMask(rawValue: 0x0000_0100)
    public static let delete = InotifyMask(rawValue: 0x0000_0200)
    public static let deleteSelf = InotifyMask(rawValue: 0x0000_0400)
    public static let moveSelf = InotifyMask(rawValue: 0x0000_0800)
    public static let unmount = InotifyMask(rawValue: 0x0000_2000)
    public static let queueOverflow = InotifyMask(rawValue: 0x0000_4000)
    public static let ignored = InotifyMask(rawValue: 0x0000_8000)
    public static let onlyDirectory = InotifyMask(rawValue: 0x0100_0000)
    public static let excludeUnlinked = InotifyMask(rawValue: 0x0400_0000)
    public static let isDirectory = InotifyMask(rawValue: 0x4000_0000)

    /// What the inbox watch asks for. `closeWrite` and `movedTo` say a file is (probably) complete;
    /// `create`, `modify` and `attrib` are activity that restarts the settle time; `movedFrom` and
    /// `delete` say a name left (another daemon claimed it); the `*Self` events say the watch is gone.
    public static let inboxWatch: InotifyMask = [
        .create, .modify, .attrib, .closeWrite, .movedTo, .movedFrom, .delete, .deleteSelf, .moveSelf,
        .onlyDirectory, .excludeUnlinked,
    ]
}

/// One record read from an inotify descriptor.
public struct InotifyEvent: Sendable, Equatable {
    public var watch: Int32
    public var mask: InotifyMask
    public var cookie: UInt32
    /// The file's name inside the watched folder; nil for events about the folder itself.
    public var name: FilePath.Component?

    public init(watch: Int32, mask: InotifyMask, cookie: UInt32 = 0, name: FilePath.Component?) {
        self.watch = watch
        self.mask = mask
        self.cookie = cookie
        self.name = name
    }

    /// The fixed part of `struct inotify_event`: wd, mask, cookie, len — four 32-bit fields.
    static let headerSize = 16

    /// Splits a buffer filled by `read(2)` on an inotify descriptor into events.
    ///
    /// Each record is the 16-byte header followed by `len` bytes of NUL-padded name. The kernel only
    /// returns whole records, but a short or corrupt buffer stops the parse instead of reading past it.
    public static func parse(_ buffer: UnsafeRawBufferPointer) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var offset = 0
        while offset + headerSize <= buffer.count {
            let watch = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            guard length <= buffer.count - nameStart else { break }
            let nameBytes = buffer[nameStart..<nameStart + length].prefix { $0 != 0 }
            let name = nameBytes.isEmpty ? nil : FilePath.Component(platformString: nameBytes.map { CChar(bitPattern: $0) } + [0])
            events.append(InotifyEvent(watch: watch, mask: InotifyMask(rawValue: mask), cookie: cookie, name: name))
            offset = nameStart + length
        }
        return events
    }
}

/// What an inotify event means for the inbox.
public enum InboxChange: Sendable, Equatable {
    /// Something happened to this name: it appeared or is being written.
    case activity(FilePath.Component)
    /// The name left the inbox (deleted, or renamed away — e.g. claimed by another daemon).
    case removed(FilePath.Component)
    /// The kernel dropped events: only a full rescan knows the inbox's state now.
    case overflow
    /// The inbox folder itself was deleted, moved or unmounted; the watch is gone.
    case watchLost

    public init?(_ event: InotifyEvent) {
        if event.mask.contains(.queueOverflow) {
            self = .overflow
        } else if !event.mask.isDisjoint(with: [.deleteSelf, .moveSelf, .unmount, .ignored]) {
            self = .watchLost
        } else if let name = event.name {
            self = event.mask.isDisjoint(with: [.movedFrom, .delete]) ? .activity(name) : .removed(name)
        } else {
            return nil
        }
    }
}
