package org.rushreg.registration.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies keep JSON's own types. By default Jackson turns a number or {@code true} into text where a string
 * is wanted, and {@code "true"} or {@code 1} into a boolean: {@code {"firstName": 42}} would become a person called
 * "42". Here such a value is refused, and {@link ApiProblems} names the field. Arrays and objects where a string
 * belongs are refused by Jackson already. The registration filter reads with this same mapper, so both ways to the
 * registration POST refuse the same bodies.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer noScalarCoercion() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
