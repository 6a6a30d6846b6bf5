/** The predictions room: prediction sets, their atomic import with outcomes, class probabilities and outcome tables. */
package dev.loupe.store.predictions;
