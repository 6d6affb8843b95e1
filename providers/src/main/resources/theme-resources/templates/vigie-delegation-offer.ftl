<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('practitioner'); section>
<#if section = "header">
    ${msg("vigieDelegationOfferTitle")}
<#elseif section = "form">
    <div id="vigie-service" class="vigie-service">
        <span class="vigie-service__label">${msg("vigieServiceLabel")}</span>
        <span id="vigie-service-name" class="vigie-service__name">${vigieClientName}</span>
    </div>
    <p id="vigie-delegation-signed-in" class="vigie-identified-as">${msg("vigieDelegationSignedInAs", vigieAssistantName)}</p>
    <form id="vigie-delegation-self-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <div class="${properties.kcFormActionGroupClass!} vigie-actions">
            <button id="vigie-delegation-self" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="self" value="1">${msg("vigieDelegationSelf")}</button>
        </div>
    </form>
    <h2 id="vigie-delegation-for-heading" class="vigie-subtitle">${msg("vigieDelegationFor")}</h2>
    <p id="vigie-delegation-explain">${msg("vigieDelegationExplain")}</p>
    <form id="vigie-delegation-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate aria-labelledby="vigie-delegation-for-heading">
        <div class="${properties.kcFormGroupClass!}">
            <label for="practitioner" class="${properties.kcFormLabelClass!}">
                <span class="${properties.kcFormLabelTextClass!}">${msg("vigieDelegationPractitionerLabel")}</span>
            </label>
            <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('practitioner')>${properties.kcError!}</#if>">
                <input id="practitioner" name="practitioner" type="text" value="${(vigiePractitioner!'')}"
                       inputmode="numeric" autocomplete="off" maxlength="64" spellcheck="false"
                       aria-describedby="practitioner-help<#if messagesPerField.existsError('practitioner')> input-error-practitioner</#if>"
                       aria-invalid="<#if messagesPerField.existsError('practitioner')>true<#else>false</#if>"/>
            </span>
            <div class="${properties.kcFormHelperTextClass!}" id="practitioner-help">
                <div class="${properties.kcInputHelperTextClass!}">
                    <div class="${properties.kcInputHelperTextItemClass!}">
                        <span class="${properties.kcInputHelperTextItemTextClass!}">${msg("vigieDelegationPractitionerHelp")}</span>
                    </div>
                </div>
            </div>
            <#if messagesPerField.existsError('practitioner')>
                <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                    <div class="${properties.kcInputHelperTextClass!}">
                        <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-practitioner">
                            <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('practitioner'))?no_esc}</span>
                        </div>
                    </div>
                </div>
            </#if>
        </div>
        <div class="${properties.kcFormGroupClass!}">
            <label for="duration" class="${properties.kcFormLabelClass!}">
                <span class="${properties.kcFormLabelTextClass!}">${msg("vigieDelegationDurationLabel")}</span>
            </label>
            <span class="pf-v5-c-form-control">
                <select id="duration" name="duration">
                    <#list vigieDurations as minutes>
                    <option value="${minutes?c}"<#if minutes == vigieDefaultDuration> selected</#if>><#if minutes < 60>${msg("vigieDelegationMinutes", minutes?c)}<#else>${msg("vigieDelegationHours", (minutes / 60)?string("0.#"))}</#if></option>
                    </#list>
                </select>
            </span>
        </div>
        <div class="${properties.kcFormGroupClass!}">
            <div class="${properties.kcFormActionGroupClass!} vigie-actions">
                <button id="vigie-delegation-submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="delegate" value="1">${msg("vigieDelegationSubmit")}</button>
                <button id="vigie-quit" class="${properties.kcButtonSecondaryClass!} pf-m-danger ${properties.kcButtonBlockClass!} vigie-quit" type="submit" name="cancel" value="quit" formnovalidate>${msg("vigieQuit")}</button>
            </div>
        </div>
    </form>
</#if>
</@layout.registrationLayout>
