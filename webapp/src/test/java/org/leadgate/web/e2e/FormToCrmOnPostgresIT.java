package org.leadgate.web.e2e;

import java.nio.file.Path;
import org.leadgate.web.testing.TestConfig;

class FormToCrmOnPostgresIT extends FormToCrmContract {
  @Override
  TestConfig storage(Path directory) {
    return TestConfig.postgres(directory);
  }
}
