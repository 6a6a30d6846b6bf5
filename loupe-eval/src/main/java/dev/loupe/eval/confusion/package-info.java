/** The detection confusion matrix: classes plus background, class-agnostic greedy matching at an IoU threshold. */
package dev.loupe.eval.confusion;
