package org.example.catalog;

import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class CatalogApplication {

  @GetMapping("/categories")
  public List<String> categories() {
    return List.of("kitchen", "garden", "office");
  }

  public static void main(String[] args) {
    SpringApplication.run(CatalogApplication.class, args);
  }
}
