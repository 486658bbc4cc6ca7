package org.leadgate.crm.salesforce;

import java.time.Clock;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.leadgate.crm.salesforce.api.ApiUsage;
import org.leadgate.crm.salesforce.api.SalesforceApi;
import org.leadgate.crm.salesforce.auth.TokenSource;
import org.leadgate.crm.salesforce.bulk.BulkBackfill;
import org.leadgate.crm.salesforce.collections.CollectionWriter;
import org.leadgate.crm.salesforce.collections.LeadWriter;
import org.leadgate.crm.salesforce.consent.ConsentFlags;
import org.leadgate.crm.salesforce.consent.ConsentObjects;
import org.leadgate.crm.salesforce.mapping.LeadMapper;
import org.leadgate.crm.salesforce.mapping.MappedDelivery;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.CrmAdapterFactory;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.PluginContext;

/** Builds the {@code salesforce} adapter from {@code crm.settings}; registered for {@link java.util.ServiceLoader}. */
public final class SalesforceAdapterFactory implements CrmAdapterFactory {
  public static final String ID = "salesforce";

  private final BulkBackfill.Waiter waiter;

  public SalesforceAdapterFactory() {
    this(BulkBackfill.Waiter.sleeping());
  }

  /** A factory whose bulk backfill waits with {@code waiter} between polls (tests move a clock). */
  SalesforceAdapterFactory(BulkBackfill.Waiter waiter) {
    this.waiter = waiter;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public CrmAdapter create(PluginContext context) {
    SalesforceSettings settings = SalesforceSettings.from(context.settings());
    Clock clock = context.clock();
    OkHttpClient http = new OkHttpClient.Builder()
        .connectTimeout(settings.timeout())
        .readTimeout(settings.timeout())
        .writeTimeout(settings.timeout())
        .callTimeout(settings.timeout())
        .followRedirects(false)
        .build();
    TokenSource tokens = settings.auth().tokenSource(http, clock);
    SalesforceApi api = new SalesforceApi(http, tokens, new ApiUsage(settings.maxDailyShare(), clock),
        settings.apiVersion(), clock);
    LeadMapper mapper = new LeadMapper(settings.mapping());
    ConsentFlags flags = new ConsentFlags(settings.consent());
    Function<Delivery, MappedDelivery> mapping =
        delivery -> new MappedDelivery(delivery, mapper.map(delivery.lead(), flags.fields(delivery.lead())));
    CollectionWriter writer = new CollectionWriter(api, settings.apiVersion(), settings.batchSize());
    LeadWriter leads = new LeadWriter(writer, settings.externalIdField(), settings.duplicates(), settings.autoAssign());
    ConsentObjects consent = new ConsentObjects(settings.consent(), writer, api, clock);
    BulkBackfill backfill = new BulkBackfill(api, settings.bulk(), settings.externalIdField(), mapping, leads,
        consent, settings.autoAssign(), clock, waiter);
    return new SalesforceAdapter(settings, http, tokens, api, mapping, leads, consent, backfill,
        SalesforceHooks.from(context.settings(), context.forms()));
  }
}
