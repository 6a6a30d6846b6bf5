package dev.loupe.core.metrics.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.ObjectView;
import dev.loupe.api.PixelImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimpleContextsTest {
    @Test
    void annotationContextWithoutPixelsSaysSo() {
        AnnotationContext c = new SimpleAnnotationContext(GeometryObjectTest.box(1, 0, 0, 1, 1, 2, 2), List.of(), 2, 2,
                null);
        assertThatThrownBy(c::pixels).isInstanceOf(IllegalStateException.class).hasMessage("no pixels decoded");
        assertThat(c.imageWidth()).isEqualTo(2);
    }

    @Test
    void forImageGivesEachObjectAllTheOthers() {
        List<ObjectView> objs = List.of(GeometryObjectTest.box(1, 0, 0, 1, 1, 4, 4),
                GeometryObjectTest.box(2, 1, 1, 1, 1, 4, 4), GeometryObjectTest.box(3, 2, 2, 1, 1, 4, 4));
        PixelImage px = new PixelImage(4, 4, new byte[48], 3, 8, false);
        List<AnnotationContext> cs = SimpleAnnotationContext.forImage(objs, 4, 4, px);
        assertThat(cs).hasSize(3);
        assertThat(cs.get(0).others()).extracting(ObjectView::id).containsExactly(2L, 3L);
        assertThat(cs.get(1).others()).extracting(ObjectView::id).containsExactly(1L, 3L);
        assertThat(cs.get(2).others()).extracting(ObjectView::id).containsExactly(1L, 2L);
        assertThat(cs.get(1).object().id()).isEqualTo(2);
        assertThat(cs.get(1).pixels()).isSameAs(px);
        assertThatThrownBy(() -> cs.get(0).others().get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void imageContextHoldsItsParts() {
        SimpleImageContext c = new SimpleImageContext(null, 3, 2, 123, "a/b.jpg",
                List.of(GeometryObjectTest.box(1, 0, 0, 1, 1, 3, 2)));
        assertThat(List.of(c.width(), c.height())).containsExactly(3, 2);
        assertThat(c.fileSize()).isEqualTo(123);
        assertThat(c.path()).isEqualTo("a/b.jpg");
        assertThat(c.objects()).hasSize(1);
        assertThatThrownBy(c::pixels).isInstanceOf(IllegalStateException.class).hasMessage("no pixels decoded");
    }
}
