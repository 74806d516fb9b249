/* The part of a born-digital conversion that is Poppler's: for each PDF named on the command
   line, open it and, page by page, render it at 72 dpi onto a white RGB24 cairo surface and take
   its text — the two poppler-glib calls formpipe's PDF extractor makes. Nothing is written. The
   benchmark runs it beside formpipe to show how much of formpipe's time no change to formpipe's
   own code can remove. */
#include <cairo.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        char *uri = g_filename_to_uri(argv[i], NULL, NULL);
        PopplerDocument *document = uri ? poppler_document_new_from_file(uri, NULL, NULL) : NULL;
        g_free(uri);
        if (!document) {
            fprintf(stderr, "poppler_floor: cannot open %s\n", argv[i]);
            return 1;
        }
        for (int index = 0; index < poppler_document_get_n_pages(document); index++) {
            PopplerPage *page = poppler_document_get_page(document, index);
            double width, height;
            poppler_page_get_size(page, &width, &height);
            cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(width + 1), (int)(height + 1));
            cairo_t *context = cairo_create(surface);
            cairo_set_source_rgb(context, 1, 1, 1);
            cairo_paint(context);
            poppler_page_render(page, context);
            cairo_destroy(context);
            cairo_surface_destroy(surface);
            g_free(poppler_page_get_text(page));
            g_object_unref(page);
        }
        g_object_unref(document);
    }
    return 0;
}
