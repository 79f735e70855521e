/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the programs that test the window under Xvfb
 * (test-window.c, test-kiosk.c, test-read-aloud.c): waiting for the main
 * loop, and finding template children and visible widgets.
 */
#pragma once

#include <adwaita.h>

#include "myelin-application.h"
#include "myelin-article-page.h"
#include "myelin-window.h"

G_BEGIN_DECLS

/* The application under test, registered, not unique (each test program
 * runs its own). */
MyelinApplication *myelin_test_application_new (void);

/* Activates the application (the default one) and returns its window,
 * sized @width × @height and idle. */
MyelinWindow     *myelin_test_open_window   (int                width,
                                            int                height);

/* The application's library, through a connection of the test's own. */
MyelinStore      *myelin_test_open_library  (void);

/* The sidebar's check button for topic @name, or NULL. */
GtkCheckButton   *myelin_test_find_topic    (MyelinWindow      *window,
                                            const char        *name);

/* Runs the main loop for @ms milliseconds. */
void       myelin_test_spin          (guint              ms);

/* Runs the main loop until @window is not busy (no query, import or page
 * work under way) and has drawn; fails the test after 20 s. */
void       myelin_test_wait_idle     (MyelinWindow      *window);

/* Runs the main loop until the leaflet shows @name and has finished moving
 * there, then until the window is idle; fails the test after 20 s. */
void       myelin_test_wait_for_page (MyelinWindow      *window,
                                      const char        *name);

/* Template children, asserted to exist. */
gpointer   myelin_test_window_child  (MyelinWindow      *window,
                                      const char        *name);
gpointer   myelin_test_page_child    (MyelinArticlePage *page,
                                      const char        *name);

/* The mapped widgets of @type below @root, in tree order. */
GPtrArray *myelin_test_find_all      (GtkWidget         *root,
                                      GType              type);

/* A mapped label below @root whose text is exactly @text, or NULL. */
GtkWidget *myelin_test_find_label    (GtkWidget         *root,
                                      const char        *text);

G_END_DECLS
