import CPoppler
import Foundation
import FormPipeCore

/// Owns one `PopplerDocument *` and releases it in `deinit`.
///
/// Opened from a `file://` URI, never from bytes: poppler-glib 22.12 segfaults on an encrypted
/// document opened from memory. Not `Sendable`: Poppler objects are not safe to share between
/// threads, so a document lives and dies inside one extraction call.
package final class PopplerDocument {
    private let handle: OpaquePointer

    /// Opens the PDF at `path`.
    ///
    /// The corresponding C functions are `g_filename_to_uri` and `poppler_document_new_from_file`.
    package init(path: String, displayName: String) throws(ConversionError) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let uri = try PopplerError.check(file: displayName) { error in g_filename_to_uri(absolute, nil, error) }
        defer { g_free(uri) }
        handle = try PopplerError.check(file: displayName) { error in
            poppler_document_new_from_file(uri, nil, error)
        }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(handle))
    }

    /// The corresponding C function is `poppler_document_get_n_pages`.
    package var pageCount: Int { Int(poppler_document_get_n_pages(handle)) }

    /// The program that wrote the PDF (`/Producer`), if any.
    var producer: String? { Self.takeString(poppler_document_get_producer(handle)) }

    /// The program that made the original document (`/Creator`), if any.
    var creator: String? { Self.takeString(poppler_document_get_creator(handle)) }

    /// Page `index` (0-based). The page keeps the document alive.
    package func page(at index: Int) -> PopplerPage? {
        guard let page = poppler_document_get_page(handle, Int32(index)) else { return nil }
        return PopplerPage(handle: page, document: self)
    }

    /// Copies a newly allocated `gchar *` into a Swift string and frees it.
    static func takeString(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
        guard let pointer else { return nil }
        defer { g_free(pointer) }
        let value = String(cString: pointer)
        return value.isEmpty ? nil : value
    }
}
