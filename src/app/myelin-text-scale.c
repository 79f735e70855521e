/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "myelin-text-scale.h"

/* As factors of the system's text size (which its own large-text setting
 * already scales); the schema's range for text-scale is the same. */
static const double steps[] = { 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5 };

/**
 * myelin_text_scale_steps:
 * @n_steps: (out): how many there are
 *
 * Returns: (array length=n_steps): the sizes offered, smallest first
 */
const double *
myelin_text_scale_steps (guint *n_steps)
{
  *n_steps = G_N_ELEMENTS (steps);
  return steps;
}

/**
 * myelin_text_scale_next:
 * @direction: 1 for the next step up, -1 for the next step down
 *
 * Returns: the step after @scale, which may lie between steps if it was
 *   set elsewhere; @scale itself (within the range) at either end
 */
double
myelin_text_scale_next (double scale,
                        int    direction)
{
  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        if (steps[i] > scale + 0.001)
          return steps[i];
    }
  else
    {
      for (guint i = G_N_ELEMENTS (steps); i > 0; i--)
        if (steps[i - 1] < scale - 0.001)
          return steps[i - 1];
    }
  return CLAMP (scale, steps[0], steps[G_N_ELEMENTS (steps) - 1]);
}

/**
 * myelin_text_scale_nearest:
 *
 * Returns: the index of the step nearest to @scale
 */
guint
myelin_text_scale_nearest (double scale)
{
  guint nearest = 0;

  for (guint i = 1; i < G_N_ELEMENTS (steps); i++)
    if (ABS (steps[i] - scale) < ABS (steps[nearest] - scale))
      nearest = i;
  return nearest;
}
