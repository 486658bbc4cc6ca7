/**
 * Reading and validating the one YAML configuration file: {@code ${ENV}} substitution, typed sections that name
 * the offending key in every error.
 */
package org.leadgate.config;
